package dev.promptly.core.wismo;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds order numbers and tracking numbers in customer text.
 *
 * <p>Order numbers, 3 to 10 digits, in three strengths:
 * <ol>
 *   <li>named: {@code #1001} or the shop's own format ({@code DS-1001-X}), anywhere;</li>
 *   <li>announced: after a reference word of a phrase book ({@code Bestellnummer}, {@code Bestell-Nr.},
 *       {@code Auftrag}, {@code order no.}) with at most {@value #MAX_WORDS_BETWEEN} words between
 *       ("order number is 1001", "Bestellung mit der Nummer 1001"); a year (1900–2099) only right after it,
 *       since "Bestellung vom März 2026" names a date;</li>
 *   <li>bare: any other number, which {@link WismoDetector} takes only from a short message about an order the customer has.</li>
 * </ol>
 * Never taken: parts of dates, times, prices and phone numbers (digits joined by {@code . , : / -} to
 * other digits, digit groups split by spaces, numbers after {@code +} or next to a currency sign or a
 * unit word such as "Euro"), numbers after a not-reference word ({@code PLZ}, {@code Tel.},
 * {@code Kundennummer}), and, when bare, years, postcodes before a place name and numbers that start with 0.
 *
 * <p>Tracking numbers: by their unmistakable shape anywhere (UPS {@code 1Z…}, DHL {@code JJD…} and
 * {@code JVGL…}, the postal {@code RR123456789DE} format, 20–22 digits as DHL Paket, USPS and FedEx use),
 * and, after a tracking word of a phrase book ({@code Sendungsnummer}, {@code tracking number}, a
 * carrier's name), 10–22 digits (DPD 14, GLS 11–12, Hermes 14–16, FedEx 12–15), digits in groups, or
 * 8–30 letters and digits with at least 3 digits.
 */
final class ReferenceScanner {
    static final int MIN_ORDER_DIGITS = 3;
    static final int MAX_ORDER_DIGITS = 10;
    /** Words allowed between a reference word and its number: "order number is 1001". */
    static final int MAX_WORDS_BETWEEN = 3;
    /** How far back a reference or tracking word is looked for, in words. */
    private static final int WINDOW = 8;
    private static final Pattern LEXEME = Pattern.compile("[\\p{L}\\p{M}\\p{N}']+");
    private static final Pattern HASHED = Pattern.compile("(?<![\\p{L}\\p{N}&#])#\\s?(\\d{3,10})(?![\\p{L}\\p{N}])");
    private static final List<Pattern> TRACKING_SHAPES = List.of(
            Pattern.compile("(?<![\\p{L}\\p{N}])1Z[0-9A-Z]{16}(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE),
            Pattern.compile("(?<![\\p{L}\\p{N}])JJD\\d{16,22}(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE),
            Pattern.compile("(?<![\\p{L}\\p{N}])JVGL\\d{10,22}(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE),
            Pattern.compile("(?<![\\p{L}\\p{N}])[A-Z]{2}\\d{9}[A-Z]{2}(?![\\p{L}\\p{N}])"),
            Pattern.compile("(?<![\\p{L}\\p{N}+.,/-])\\d{20,22}(?![\\p{L}\\p{N}]|[.,/-]\\d)"));
    /** Digits in groups of 3 to 5 split by single spaces, as tracking numbers are printed: "0034 0434 1610 9404 2557". */
    private static final Pattern DIGIT_GROUPS = Pattern.compile("(?<![\\p{L}\\p{N}+])\\d{3,5}(?: \\d{3,5}){2,6}(?: \\d{1,2})?(?![\\p{L}\\p{N}])");
    private static final Pattern MIXED_CODE = Pattern.compile("(?<![\\p{L}\\p{N}])[A-Za-z0-9]{8,30}(?![\\p{L}\\p{N}])");
    private static final String JOINERS = ".,:/-";
    /** What joins the parts of article numbers and codes; not "." ("Nr.1001") or ":" ("Bestellnr.:1001"). */
    private static final String CODE_JOINERS = "-/_";
    private static final String MONEY_SIGNS = "€$£¥%";
    /** Endings of words that are shortened with a dot before a number: "Bestellnr.", "Kundennr.", "Ref." (see endsSentence). */
    private static final List<String> NUMBER_ABBREVIATIONS = List.of("nr", "no", "ref", "num");

    /** What was found, each list in order of appearance without repeats. */
    record Found(List<String> orders, List<String> tracking, List<String> bare) {
        Found {
            orders = List.copyOf(orders);
            tracking = List.copyOf(tracking);
            bare = List.copyOf(bare);
        }
    }

    private final PhraseBooks books;

    ReferenceScanner(PhraseBooks books) {
        this.books = books;
    }

    /** Scans the texts in order (subject first). */
    Found scan(List<String> texts, OrderNameFormat format) {
        Set<String> orders = new LinkedHashSet<>();
        Set<String> tracking = new LinkedHashSet<>();
        Set<String> bare = new LinkedHashSet<>();
        Pattern named = namedPattern(format);
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                new Scan(text).run(named, orders, tracking, bare);
            }
        }
        bare.removeAll(orders);
        return new Found(List.copyOf(orders), List.copyOf(tracking), List.copyOf(bare));
    }

    /** The shop's own format, when it is more than {@code #} and tells a number apart from any number. */
    private static Pattern namedPattern(OrderNameFormat format) {
        String prefix = format.prefix();
        String suffix = format.suffix();
        if (prefix.isEmpty() && suffix.isEmpty() || prefix.equals("#") && suffix.isEmpty()) {
            return null;
        }
        String number = "\\s?(\\d{3,10})";
        String regex = prefix.isEmpty()
                ? "(?<![\\p{L}\\p{N}])(\\d{3,10})" + Pattern.quote(suffix)
                : "(?<![\\p{L}\\p{N}])" + Pattern.quote(prefix) + number + (suffix.isEmpty() ? "" : "(?:" + Pattern.quote(suffix) + ")?");
        return Pattern.compile(regex + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** One text being scanned: its lexemes and which characters are already taken. */
    private final class Scan {
        private final String text;
        private final List<Lexeme> lexemes = new ArrayList<>();
        private final BitSet taken = new BitSet();

        Scan(String text) {
            this.text = text;
            // A word's token (with its typo look-up) is worked out once per scan, however often it recurs.
            Map<String, Token> tokens = new HashMap<>();
            Matcher m = LEXEME.matcher(text);
            while (m.find()) {
                String raw = m.group();
                Token token = null;
                if (!isDigits(raw)) {
                    String word = raw.toLowerCase(Locale.ROOT);
                    token = tokens.get(word);
                    if (token == null) {
                        token = books.vocabulary().token(word);
                        tokens.put(word, token);
                    }
                }
                lexemes.add(new Lexeme(raw, m.start(), m.end(), token));
            }
        }

        void run(Pattern named, Set<String> orders, Set<String> tracking, Set<String> bare) {
            trackingByShape(tracking);
            trackingByContext(tracking);
            namedOrders(HASHED, orders);
            if (named != null) {
                namedOrders(named, orders);
            }
            for (int i = 0; i < lexemes.size(); i++) {
                Lexeme lexeme = lexemes.get(i);
                if (!lexeme.isNumber() || isTaken(lexeme.start(), lexeme.end())
                        || lexeme.raw().length() < MIN_ORDER_DIGITS || lexeme.raw().length() > MAX_ORDER_DIGITS
                        || isPartOfLargerNumber(i) || isMoneyOrAmount(i)) {
                    continue;
                }
                List<Token> before = wordsBefore(i);
                if (endsWithin(books.notReferences(), before, MAX_WORDS_BETWEEN) >= 0) {
                    continue;
                }
                int between = endsWithin(books.references(), before, MAX_WORDS_BETWEEN);
                if (between >= 0) {
                    if (!isYear(lexeme.raw()) || between == 0) {
                        orders.add(lexeme.raw());
                    }
                } else if (!isYear(lexeme.raw()) && !lexeme.raw().startsWith("0") && !isPostcode(i)) {
                    bare.add(lexeme.raw());
                }
            }
        }

        private void trackingByShape(Set<String> tracking) {
            for (Pattern shape : TRACKING_SHAPES) {
                Matcher m = shape.matcher(text);
                while (m.find()) {
                    take(m.start(), m.end());
                    tracking.add(m.group().toUpperCase(Locale.ROOT));
                }
            }
        }

        private void trackingByContext(Set<String> tracking) {
            for (Pattern candidate : List.of(DIGIT_GROUPS, MIXED_CODE)) {
                Matcher m = candidate.matcher(text);
                while (m.find()) {
                    String code = m.group().replace(" ", "");
                    if (isTaken(m.start(), m.end()) || !looksLikeTracking(code)) {
                        continue;
                    }
                    int first = lexemeAt(m.start());
                    if (first >= 0 && endsWithin(books.tracking(), wordsBefore(first), MAX_WORDS_BETWEEN) >= 0) {
                        take(m.start(), m.end());
                        tracking.add(code.toUpperCase(Locale.ROOT));
                    }
                }
            }
        }

        private static boolean looksLikeTracking(String code) {
            long digits = 0;
            for (int i = 0; i < code.length(); i++) {
                if (Character.isDigit(code.charAt(i))) {
                    digits++;
                }
            }
            if (digits == code.length()) {
                return digits >= 10 && digits <= 22;
            }
            return digits >= 3 && code.length() >= 8;
        }

        private void namedOrders(Pattern pattern, Set<String> orders) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                if (!isTaken(m.start(), m.end())) {
                    take(m.start(), m.end());
                    orders.add(m.group(1));
                }
            }
        }

        /** "12.03.2026", "49,99", "10:30", "030-123456", "0171 1234567", "+49 …", and codes such as "ADS-1001-X7". */
        private boolean isPartOfLargerNumber(int index) {
            Lexeme lexeme = lexemes.get(index);
            int before = lexeme.start() - 1;
            int after = lexeme.end();
            if (before > 0 && CODE_JOINERS.indexOf(text.charAt(before)) >= 0 && Character.isLetterOrDigit(text.charAt(before - 1))
                    || after + 1 < text.length() && CODE_JOINERS.indexOf(text.charAt(after)) >= 0 && Character.isLetterOrDigit(text.charAt(after + 1))) {
                return true;
            }
            if (before >= 0 && (text.charAt(before) == '+'
                    || JOINERS.indexOf(text.charAt(before)) >= 0 && before > 0 && Character.isDigit(text.charAt(before - 1)))) {
                return true;
            }
            if (after + 1 < text.length() && JOINERS.indexOf(text.charAt(after)) >= 0 && Character.isDigit(text.charAt(after + 1))) {
                return true;
            }
            return isSpaceGroupedWith(index, index - 1) || isSpaceGroupedWith(index, index + 1);
        }

        private boolean isSpaceGroupedWith(int index, int neighbour) {
            if (neighbour < 0 || neighbour >= lexemes.size() || !lexemes.get(neighbour).isNumber()
                    || lexemes.get(neighbour).raw().length() < 2) {
                return false;
            }
            Lexeme a = lexemes.get(Math.min(index, neighbour));
            Lexeme b = lexemes.get(Math.max(index, neighbour));
            if (a.end() == b.start()) {
                return false;
            }
            for (int i = a.end(); i < b.start(); i++) {
                char c = text.charAt(i);
                if (c != ' ' && c != '\t' && c != '\u00a0' && c != '/' && c != '-') {
                    return false;
                }
            }
            return true;
        }

        /** "49 €", "€ 49", "20 %", "120 Euro", "250 g". */
        private boolean isMoneyOrAmount(int index) {
            Lexeme lexeme = lexemes.get(index);
            if (MONEY_SIGNS.indexOf(charNear(lexeme.start(), -1)) >= 0 || MONEY_SIGNS.indexOf(charNear(lexeme.end() - 1, 1)) >= 0) {
                return true;
            }
            List<Token> after = new ArrayList<>();
            for (int i = index + 1; i < lexemes.size() && after.size() < 3 && !lexemes.get(i).isNumber(); i++) {
                after.add(lexemes.get(i).token());
            }
            for (Phrase unit : books.units()) {
                if (unit.endOfMatch(after, 0) > 0) {
                    return true;
                }
            }
            return false;
        }

        /** The first non-space character before ({@code direction} -1) or after (+1) a position, or a space. */
        private char charNear(int position, int direction) {
            for (int i = position + direction; i >= 0 && i < text.length(); i += direction) {
                char c = text.charAt(i);
                if (c != ' ' && c != '\u00a0') {
                    return c;
                }
            }
            return ' ';
        }

        /** "10115 Berlin": four or five digits before a capitalised word on the same line. */
        private boolean isPostcode(int index) {
            Lexeme lexeme = lexemes.get(index);
            if (lexeme.raw().length() < 4 || lexeme.raw().length() > 5 || index + 1 >= lexemes.size()) {
                return false;
            }
            Lexeme next = lexemes.get(index + 1);
            String gap = text.substring(lexeme.end(), next.start());
            return !next.isNumber() && gap.isBlank() && !gap.contains("\n") && Character.isUpperCase(next.raw().codePointAt(0));
        }

        /**
         * The words before a lexeme, nearest last, up to {@link #WINDOW}: stopping at another number and at
         * the end of a sentence ("." after a word longer than an abbreviation such as "Nr.", "!" or "?").
         */
        private List<Token> wordsBefore(int index) {
            List<Token> words = new ArrayList<>();
            int boundary = lexemes.get(index).start();
            for (int i = index - 1; i >= 0 && words.size() < WINDOW; i--) {
                Lexeme lexeme = lexemes.get(i);
                if (lexeme.isNumber() || endsSentence(text.substring(lexeme.end(), boundary), lexeme)) {
                    break;
                }
                words.add(0, lexeme.token());
                boundary = lexeme.start();
            }
            return words;
        }

        private static boolean endsSentence(String gap, Lexeme before) {
            return gap.indexOf('!') >= 0 || gap.indexOf('?') >= 0 || gap.contains("\n\n")
                    || gap.indexOf('.') >= 0 && before.raw().length() > 3 && !isNumberAbbreviation(before.raw());
        }

        /** "Bestellnr.", "Auftragsnr.: 1001", "Order No. 1001": the dot shortens a word, it does not end a sentence. */
        private static boolean isNumberAbbreviation(String word) {
            String lower = word.toLowerCase(Locale.ROOT);
            for (String abbreviation : NUMBER_ABBREVIATIONS) {
                if (lower.endsWith(abbreviation)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The first lexeme starting at or after {@code position}, or -1: a binary search, since a walk from
         * the start for every candidate code made a text full of codes quadratic.
         */
        private int lexemeAt(int position) {
            int low = 0;
            int high = lexemes.size();
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (lexemes.get(middle).start() < position) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low < lexemes.size() ? low : -1;
        }

        /** Whether a character of {@code [start, end)} is taken; looks at that range only (nextSetBit would run to the text's end). */
        private boolean isTaken(int start, int end) {
            for (int i = start; i < end; i++) {
                if (taken.get(i)) {
                    return true;
                }
            }
            return false;
        }

        private void take(int start, int end) {
            taken.set(start, end);
        }
    }

    /**
     * How many words lie between the end of the latest phrase occurrence in {@code words} and the end of
     * {@code words}, if at most {@code maxBetween}; else -1.
     */
    static int endsWithin(List<Phrase> phrases, List<Token> words, int maxBetween) {
        int best = -1;
        for (int start = words.size() - 1; start >= 0; start--) {
            for (Phrase phrase : phrases) {
                int end = phrase.endOfMatch(words, start);
                if (end >= 0) {
                    int between = words.size() - end;
                    if (between <= maxBetween && (best < 0 || between < best)) {
                        best = between;
                    }
                }
            }
        }
        return best;
    }

    /** Whether the text is ASCII digits only ({@code true} for none, as {@code chars().allMatch} was). */
    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isYear(String digits) {
        if (digits.length() != 4) {
            return false;
        }
        int value = Integer.parseInt(digits);
        return value >= 1900 && value <= 2099;
    }

    /** A run of letters and digits in the scanned text; numbers carry no token. */
    private record Lexeme(String raw, int start, int end, Token token) {
        boolean isNumber() {
            return token == null;
        }
    }
}
