package dev.promptly.core.wismo;

import java.util.ArrayList;
import java.util.List;
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
    /** A closing line is the closing and a name or two: "Viele Grüße, Anna Schmidt". */
    static final int MAX_WORDS_AFTER_CLOSING = 2;
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?;]+(?=\\s|$)|\\n\\s*\\n");
    private static final Pattern SIGNATURE_DASHES = Pattern.compile("--\\s*");

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

    private MessageBody(String subject, boolean replySubject, String own, String signature, List<Sentence> sentences) {
        this.subject = subject;
        this.replySubject = replySubject;
        this.own = own;
        this.signature = signature;
        this.sentences = List.copyOf(sentences);
    }

    static MessageBody of(String subject, String text, PhraseBooks books) {
        String subjectText = subject == null ? "" : subject;
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
        return new MessageBody(subjectText, reply, own, signature, sentences);
    }

    private static List<String> ownLines(String text, PhraseBooks books) {
        String[] lines = LINE_BREAK.split(text, -1);
        List<String> own = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith(">")) {
                continue;
            }
            String joined = i + 1 < lines.length ? line + " " + lines[i + 1].strip() : line;
            if (!line.isEmpty() && (books.isQuoteHeader(line) || books.isQuoteHeader(joined))) {
                break;
            }
            own.add(lines[i]);
        }
        return own;
    }

    private static int signatureStart(List<String> lines, PhraseBooks books) {
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
            if ((SIGNATURE_DASHES.matcher(line).matches() || isClosing(line, books)) && nonBlankAfter(lines, i) <= MAX_SIGNATURE_LINES) {
                return i;
            }
        }
        return lines.size();
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

    private static int nonBlankAfter(List<String> lines, int index) {
        int count = 0;
        for (int i = index + 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                count++;
            }
        }
        return count;
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
        return sentences.stream().mapToInt(sentence -> sentence.tokens().size()).sum();
    }
}
