package dev.promptly.core.wismo;

import dev.promptly.core.message.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The part of a customer message the customer wrote now: without the earlier mails it quotes (lines
 * starting with {@code >}, and everything after a quote header such as "On … wrote:" or "Am … schrieb
 * …:"), and with the signature told apart (from a line {@code --}, or a closing such as "Best regards"
 * near the end), because signatures hold phone numbers, postcodes and company names, not questions.
 */
final class MessageBody {
    /** A signature is short; a "Thanks," with a long text after it is not one. */
    static final int MAX_SIGNATURE_LINES = 8;
    /**
     * A business signature (company, address, phone and fax, register, VAT id, IBAN) runs longer, but all its
     * lines are short and ask nothing: up to this many such lines after a closing are a signature too.
     */
    static final int MAX_BUSINESS_SIGNATURE_LINES = 20;
    /** A signature line: a name, an address line, "Tel. 0711 123 45-0"; longer lines are text. */
    static final int MAX_SIGNATURE_LINE_CHARS = 60;
    /** A closing line is the closing and a name or two: "Viele Grüße, Anna Schmidt". */
    static final int MAX_WORDS_AFTER_CLOSING = 2;
    /**
     * How much of what the customer wrote now is read, in characters (about 1,500 words): a question about
     * an order comes first, and a bound keeps the cost of detection the same for a 10 MiB mail.
     */
    static final int MAX_OWN_CHARS = 10_000;
    /** The subject is read up to RFC 5322's line limit. */
    static final int MAX_SUBJECT_CHARS = 998;
    /** A quote header is one or two short lines; a longer line is never one, so it is not compared. */
    static final int MAX_QUOTE_HEADER_CHARS = 1_000;
    /** Possessive, and only from the start of a run, so a long run of dots is read once, not once per dot. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<![.!?;])[.!?;]++(?=\\s|$)|\\n\\s*\\n");

    /** Automatic mail says so in its first sentences ("This is the mail system at host …"); later ones are not searched. */
    static final int AUTOMATIC_TEXT_SENTENCES = 8;

    /** Words of one sentence; {@code replySubject} for the subject of a reply, which the shop usually wrote. */
    record Sentence(List<Token> tokens, boolean replySubject) {
        Sentence {
            tokens = List.copyOf(tokens);
        }
    }

    private final String subject;
    private final boolean replySubject;
    private final String own;
    private final String signature;
    private final List<Sentence> sentences;
    private final String automaticMark;

    private MessageBody(String subject, boolean replySubject, String own, String signature, List<Sentence> sentences,
                        String automaticMark) {
        this.subject = subject;
        this.replySubject = replySubject;
        this.own = own;
        this.signature = signature;
        this.sentences = List.copyOf(sentences);
        this.automaticMark = automaticMark;
    }

    static MessageBody of(String subject, String text, PhraseBooks books) {
        String subjectText = subject == null ? "" : Words.prefix(subject, MAX_SUBJECT_CHARS);
        List<Token> subjectTokens = books.vocabulary().tokens(subjectText);
        int prefixEnd = 0;
        boolean reply = false;
        for (boolean more = true; more; ) {
            more = false;
            for (Phrase prefix : books.replyPrefixes()) {
                int end = prefix.endOfMatch(subjectTokens, prefixEnd);
                if (end > prefixEnd) {
                    prefixEnd = end;
                    reply = true;
                    more = true;
                    break;
                }
            }
        }
        List<String> ownLines = ownLines(text == null ? "" : text, books);
        int signatureStart = signatureStart(ownLines, books);
        String own = String.join("\n", ownLines.subList(0, signatureStart));
        String signature = String.join("\n", ownLines.subList(signatureStart, ownLines.size()));

        List<Sentence> sentences = new ArrayList<>();
        List<Token> subjectWords = subjectTokens.subList(prefixEnd, subjectTokens.size());
        if (!subjectWords.isEmpty()) {
            sentences.add(new Sentence(subjectWords, reply));
        }
        for (String sentence : SENTENCE_END.split(own)) {
            List<Token> tokens = books.vocabulary().tokens(sentence);
            if (!tokens.isEmpty()) {
                sentences.add(new Sentence(tokens, false));
            }
        }
        List<Sentence> textSentences = sentences.subList(subjectWords.isEmpty() ? 0 : 1, sentences.size());
        String automaticMark = automaticMark(reply ? List.of() : subjectTokens, textSentences, books);
        return new MessageBody(subjectText, reply, own, signature, sentences, automaticMark);
    }

    /**
     * What marks the message as written by a machine: a subject that begins as an autoresponder's or a mail
     * server's does ("Automatische Antwort: Ihre Bestellung #4711 wurde versendet", "Undeliverable: …"), or a
     * sentence only a mail server writes among the first of the text. A customer's reply or forward of such a
     * mail ("WG: Unzustellbar: …") begins with its own prefix, and what it forwards is a quote, not read here.
     */
    private static String automaticMark(List<Token> subjectTokens, List<Sentence> text, PhraseBooks books) {
        for (Phrase start : books.automaticSubjects()) {
            if (start.endOfMatch(subjectTokens, 0) > 0) {
                return start.text();
            }
        }
        for (Sentence sentence : text.subList(0, Math.min(text.size(), AUTOMATIC_TEXT_SENTENCES))) {
            for (Phrase marker : books.automaticTexts()) {
                if (marker.occursIn(sentence.tokens())) {
                    return marker.text();
                }
            }
        }
        return null;
    }

    /**
     * The lines the customer wrote now, up to {@value #MAX_OWN_CHARS} characters in all (the last line cut
     * before a word): lines quoting with {@code >} are skipped without being copied, and reading stops at a
     * quote header. One pass over the text, however large.
     */
    private static List<String> ownLines(String text, PhraseBooks books) {
        List<String> own = new ArrayList<>();
        int budget = MAX_OWN_CHARS;
        int start = 0;
        while (budget > 0) {
            int end = lineEnd(text, start);
            if (!startsWithQuoteMark(text, start, end)) {
                String raw = text.substring(start, Math.min(end, start + budget + 1));
                String line = raw.strip();
                if (!line.isEmpty() && end - start <= MAX_QUOTE_HEADER_CHARS) {
                    int next = nextLineStart(text, end);
                    String joined = next < 0 || lineEnd(text, next) - next > MAX_QUOTE_HEADER_CHARS
                            ? line : line + " " + text.substring(next, lineEnd(text, next)).strip();
                    if (books.isQuoteHeader(line) || books.isQuoteHeader(joined)) {
                        break;
                    }
                }
                String kept = Words.prefix(raw, budget);
                own.add(kept);
                budget -= kept.length() + 1;
            }
            start = nextLineStart(text, end);
            if (start < 0) {
                break;
            }
        }
        return own;
    }

    /** Where the line starting at {@code start} ends: at its CR, LF or CRLF, or the text's end. */
    private static int lineEnd(String text, int start) {
        int i = start;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** Where the line after the one ending at {@code end} starts, or -1 when that line was the last. */
    private static int nextLineStart(String text, int end) {
        if (end >= text.length()) {
            return -1;
        }
        return text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
    }

    /** Whether the line's first character after white space is {@code >}, as {@code strip().startsWith(">")}. */
    private static boolean startsWithQuoteMark(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '>';
            }
        }
        return false;
    }

    private static int signatureStart(List<String> lines, PhraseBooks books) {
        // nonBlankFrom[i]: the non-blank lines from line i on, counted once rather than again for every candidate.
        int[] nonBlankFrom = new int[lines.size() + 1];
        // shortFrom[i]: whether every line from line i on could be a signature's (short, no question).
        boolean[] shortFrom = new boolean[lines.size() + 1];
        shortFrom[lines.size()] = true;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            nonBlankFrom[i] = nonBlankFrom[i + 1] + (line.isEmpty() ? 0 : 1);
            shortFrom[i] = shortFrom[i + 1] && line.length() <= MAX_SIGNATURE_LINE_CHARS && !line.endsWith("?");
        }
        int firstText = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (firstText < 0) {
                firstText = i;
                continue;
            }
            boolean signatureSized = nonBlankFrom[i + 1] <= MAX_SIGNATURE_LINES
                    || nonBlankFrom[i + 1] <= MAX_BUSINESS_SIGNATURE_LINES && shortFrom[i + 1];
            if (signatureSized && (isSignatureDashes(line) || isClosing(line, books))) {
                return i;
            }
        }
        return lines.size();
    }

    /** {@code --} and nothing after it but the white space of regex {@code \\s}, as {@code --\\s*} matches. */
    private static boolean isSignatureDashes(String line) {
        if (!line.startsWith("--")) {
            return false;
        }
        for (int i = 2; i < line.length(); i++) {
            if (" \t\n\u000b\f\r".indexOf(line.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isClosing(String line, PhraseBooks books) {
        List<Token> tokens = books.vocabulary().tokens(line);
        for (Phrase closing : books.closings()) {
            int end = closing.endOfMatch(tokens, 0);
            if (end > 0 && tokens.size() - end <= MAX_WORDS_AFTER_CLOSING) {
                return true;
            }
        }
        return false;
    }

    /** The subject as received, {@code ""} when there is none. */
    String subject() {
        return subject;
    }

    boolean replySubject() {
        return replySubject;
    }

    /** What the customer wrote now, without quotes and signature. */
    String own() {
        return own;
    }

    /** What shows an autoresponder or mail server wrote the message (a phrase of the books), if anything does. */
    Optional<String> automaticMark() {
        return Optional.ofNullable(automaticMark);
    }

    /** The signature, {@code ""} when none was recognised. */
    String signature() {
        return signature;
    }

    /** The subject (without reply prefixes) and the sentences of {@link #own()}, where intents are looked for. */
    List<Sentence> sentences() {
        return sentences;
    }

    /** How many words the customer wrote now, subject included: short messages are read more boldly. */
    int wordCount() {
        int words = 0;
        for (Sentence sentence : sentences) {
            words += sentence.tokens().size();
        }
        return words;
    }
}
