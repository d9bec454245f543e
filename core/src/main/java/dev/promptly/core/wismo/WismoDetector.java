package dev.promptly.core.wismo;

import dev.promptly.core.message.LanguageData;
import dev.promptly.core.message.Words;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Recognises "where is my order?" (WISMO) in customer messages, in every loaded language, and finds the
 * order and tracking numbers they give, so the first reply can already answer with the order's status.
 *
 * <p><b>Phrases.</b> Each language has a phrase book {@code dev/promptly/wismo/<code>.txt} on the
 * classpath (format at the top of each file and in {@link PhraseBook}): phrases per {@link Intent}, each
 * with a weight. A shop can add WISMO phrases and negative phrases per language; nothing phrase-specific
 * is in the code. Customer mail is messy, so phrases match whole words without case, with umlauts typed
 * or not, across up to {@value Phrase#GAP} filler words ({@code ...}), and with one typo in words of five
 * letters or more ("bestelung", "shipemnts") unless the typed word is itself a known word.
 *
 * <p><b>Scoring.</b> Only what the customer wrote now counts: quoted earlier mails and the signature are
 * left out (see {@link MessageBody}), and of the rest only the first 10,000 characters are read (the
 * subject up to 998), so a message of any size costs the same bounded time. The subject and each sentence
 * are searched; each phrase counts once.
 * An intent's score combines the weights {@code w} of its matched phrases as {@code 1 - Π(1 - w)}, so
 * phrases add up but never beyond 1; in the subject of a reply ("Re: Your order has shipped"), which the
 * shop usually wrote, a phrase counts {@value #REPLY_SUBJECT_FACTOR} of its weight. A WISMO score gains
 * {@value #REFERENCE_WEIGHT} (same formula) when the customer also gives an order or tracking number
 * ("where is it? #1001"); a number only in the subject of a reply does not count, the shop wrote it.
 * <br>Returns, refunds, cancellations, address changes, invoices, questions before buying and the
 * shop's own negatives are hard negatives; one named only after an alternative word of the phrase book ("or",
 * "otherwise") counts {@value #FALLBACK_FACTOR} of its score, as the fallback it is ("where is it, or I want
 * my money back"). One asked for only in a sentence after the WISMO question, while the model too reads WISMO as
 * the likeliest intent, counts {@link Combination#sideRequest()} of its score, as the side request it is ("Wo ist meine Bestellung?
 * Die Rechnung gerne auch per Mail"). The WISMO confidence is its score times
 * {@code 1 - n²}, where {@code n} is the strongest hard negative's score, so a clear negative (0.9: × 0.19)
 * cancels WISMO ("track my refund", "where do I return my parcel") while a vague one (0.5: × 0.75) only
 * dents it. A complaint is not a hard negative: "my order still has not arrived, this is unacceptable"
 * asks about the order, and only a complaint without such a question stays a complaint.
 * <br>The intent is the one with the highest confidence, {@link Intent#OTHER} when none reaches
 * {@value #MIN_INTENT_SCORE} (its confidence then is 1 minus the highest); the message is WISMO when the
 * intent is WISMO and its confidence reaches the threshold.
 *
 * <p><b>Learned model.</b> {@link IntentModel}, trained from the corpus in core's tests, reads the same
 * subject and own text as word, word-pair and letter features. Where a WISMO phrase of weight
 * {@value #MIN_HINT_WEIGHT} or more hints at the question, or a gate word (weight below {@value #GATE_WORD_WEIGHT},
 * such as "Stand" or "package") names it in the customer's words (not in the subject of a reply), WISMO's score is
 * the larger of the phrases' and {@value #LEARNED_FACTOR} × the model's probability, as it is where the model alone
 * is very sure ({@link Combination#modelAlone()}); from {@link Combination#modelInFull()} the model's probability
 * counts in full. Both before the hard negatives' veto. The model names another intent when it is at least
 * {@value #MIN_LEARNED_PROBABILITY} sure of it. {@link WismoSignal#drivers()} says which phrases and words drove the
 * decision.
 *
 * <p><b>Automatic mail.</b> A message whose subject begins as an autoresponder's or a mail server's ("Automatic
 * reply:", "Unzustellbar:") or whose first sentences only a mail server writes (phrase books' {@code automatic-subject}
 * and {@code automatic-text}) asks nothing: it is {@link Intent#OTHER}, its driver the mark that gave it away.
 *
 * <p><b>References.</b> See {@link ReferenceScanner}: {@code #1001}, the shop's {@link OrderNameFormat},
 * numbers after an order word ({@code Bestellnummer 1001}, {@code order no. 1001}), and, only in a short
 * message (at most {@value #SHORT_MESSAGE_WORDS} words) without any of those that surely asks about an order
 * the customer has (WISMO, return, refund, cancellation, address change, invoice or complaint at the
 * threshold: "bitte 80312 stornieren"), up to {@value #MAX_BARE_REFERENCES} bare numbers that are no
 * postcode, price, phone number, date or year, or the one bare number in the subject of such a customer's
 * new mail ("Reklamation Lieferzeit 44016", "Rückerstattung 49962 falscher Betrag").
 *
 * <p>Immutable and thread-safe: build it once per container (it reads its phrase books at construction)
 * and share it.
 */
public final class WismoDetector {
    /** Below this confidence a message gets the normal acknowledgement; tuned on the measured sample (docs/performance.md). */
    public static final double DEFAULT_THRESHOLD = 0.6;
    /** The weight of each phrase a shop adds: one such phrase alone makes a message WISMO at the default threshold. */
    public static final double EXTRA_PHRASE_WEIGHT = ShopPhrases.WEIGHT;
    static final double REPLY_SUBJECT_FACTOR = 0.5;
    static final double REFERENCE_WEIGHT = 0.3;
    /**
     * What a hard negative's score counts when it is only named after an alternative word ("tell me where it is
     * or I want my money back", "replace it or refund"): a fallback the customer names, not what they ask for.
     */
    static final double FALLBACK_FACTOR = 0.5;
    static final double MIN_INTENT_SCORE = 0.3;
    static final int SHORT_MESSAGE_WORDS = 30;
    /** At most this many words in a question: "#3081 ??", "Bestellung 3081?", "hallo, versand?" (see onlyAboutTheOrder). */
    static final int SHORT_QUESTION_WORDS = 4;
    /** What ends the clause before a question mark: a question is the words after the last of these. */
    private static final String CLAUSE_ENDS = ".!?;:\n";
    /** Four words are never longer than this; a longer clause is no short question, and is not read further back. */
    private static final int MAX_SHORT_QUESTION_CHARS = 120;
    /** What such a question that names nothing but the order scores as WISMO: enough alone at the default threshold. */
    static final double SHORT_QUESTION_WEIGHT = 0.8;
    static final int MAX_BARE_REFERENCES = 2;
    /**
     * How much a probability of the model counts against the phrase books' scores: a little less, so that
     * where both speak, a clear phrase decides, and the model alone needs a probability of 0.75 to reach
     * the default threshold. Chosen on the corpus' dev split (docs/performance.md).
     */
    static final double LEARNED_FACTOR = 0.8;
    /** WISMO phrases weighing less only let the model speak ("Stand?", "package?"): the phrase books' gate words. */
    static final double GATE_WORD_WEIGHT = 0.1;
    /** WISMO phrases weighing this much or more are a hint the model may strengthen; weaker ones ("my order") are not. */
    static final double MIN_HINT_WEIGHT = 0.5;
    /** Below this probability the model names no intent but WISMO: a weak guess is no better than "other". */
    static final double MIN_LEARNED_PROBABILITY = 0.5;
    /** Matched phrases an explanation names at most, per intent. */
    static final int MAX_PHRASE_DRIVERS = 3;
    private static final Set<Intent> HARD_NEGATIVES = EnumSet.of(Intent.RETURN, Intent.REFUND, Intent.CANCELLATION,
            Intent.ADDRESS_CHANGE, Intent.INVOICE, Intent.PRE_PURCHASE, Intent.OTHER);
    /** Intents about an order the customer already has, whose answers look that order up by the number given. */
    private static final Set<Intent> ABOUT_AN_ORDER = EnumSet.of(Intent.WISMO, Intent.RETURN, Intent.REFUND, Intent.CANCELLATION,
            Intent.ADDRESS_CHANGE, Intent.INVOICE, Intent.COMPLAINT);

    private final PhraseBooks books;
    private final ReferenceScanner references;
    private final double threshold;
    /** {@code null} only for the trainer, which reads messages as detection does before a model exists. */
    private final IntentModel model;
    private final Combination combination;

    /**
     * How the phrase books and the learned model are combined (see the class comment); the defaults were chosen on
     * the corpus' dev split, the blind dev sets and each hand-written extra file read with a model trained without
     * it (docs/performance.md), never on a test set.
     *
     * @param modelAlone the model's WISMO probability from which it speaks without a phrase's hint; above 1, never
     * @param modelInFull the model's WISMO probability (speaking alone) from which it counts in full, not
     *     {@value #LEARNED_FACTOR} of it, against what the phrase books read: "seit 2 wochen nix, frechheit" is WISMO,
     *     not a complaint; above 1, never
     * @param sideRequest what a hard negative's score counts when it is only a side request after a WISMO question
     */
    record Combination(double modelAlone, double modelInFull, double sideRequest) {
        static final Combination DEFAULT = new Combination(0.85, 0.95, 0.5);
    }

    /** The shipped phrase books of the languages (e.g. {@code List.of("de", "en")}) and the default threshold. */
    public WismoDetector(List<String> languages) {
        this(languages, Map.of(), Map.of(), DEFAULT_THRESHOLD);
    }

    /**
     * The shipped phrase books of the languages, plus a shop's phrases.
     *
     * <p>A language without a shipped phrase book detects only through the shop's phrases.
     * {@code extraPositivePhrases} are WISMO phrases; {@code extraNegativePhrases} mark a message as not
     * WISMO, as {@link Intent#OTHER} or as the intent named before a colon ({@code "refund: rückzahlung*"}).
     * Both use the phrase syntax of the phrase books, including the language's word classes, and weigh
     * {@value #EXTRA_PHRASE_WEIGHT}.
     *
     * @param languages ISO 639 codes, e.g. {@code List.of("de", "en")}
     * @param extraPositivePhrases phrases by language code, each language one of {@code languages}
     * @param extraNegativePhrases phrases by language code, each language one of {@code languages}
     * @param threshold the confidence from which a message is WISMO, above 0 and at most 1
     * @throws InvalidPhraseException naming the language, list and position of a malformed phrase
     * @throws IllegalArgumentException when the languages are empty, repeated or malformed, a phrase list
     *     names a language not in {@code languages}, no language has any phrase, or the threshold is out of range
     */
    public WismoDetector(List<String> languages, Map<String, List<String>> extraPositivePhrases,
                         Map<String, List<String>> extraNegativePhrases, double threshold) {
        this(languages, extraPositivePhrases, extraNegativePhrases, threshold, IntentModel.shipped());
    }

    WismoDetector(List<String> languages, Map<String, List<String>> extraPositivePhrases,
                  Map<String, List<String>> extraNegativePhrases, double threshold, IntentModel model) {
        this(languages, extraPositivePhrases, extraNegativePhrases, threshold, model, Combination.DEFAULT);
    }

    WismoDetector(List<String> languages, Map<String, List<String>> extraPositivePhrases,
                  Map<String, List<String>> extraNegativePhrases, double threshold, IntentModel model, Combination combination) {
        List<String> codes = LanguageData.requireCodes(languages);
        Objects.requireNonNull(extraPositivePhrases, "extraPositivePhrases");
        Objects.requireNonNull(extraNegativePhrases, "extraNegativePhrases");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold: must be above 0 and at most 1, got " + threshold);
        }
        for (Map<String, List<String>> extra : List.of(extraPositivePhrases, extraNegativePhrases)) {
            for (String language : extra.keySet()) {
                if (!codes.contains(language)) {
                    throw new IllegalArgumentException("extra phrases for '" + language + "', which is not one of the languages " + codes);
                }
            }
        }
        List<PhraseBook> loaded = new ArrayList<>();
        Set<String> languageWords = new HashSet<>();
        for (String code : codes) {
            PhraseBook book = LanguageData.ships(PhraseBook.KIND, code) ? PhraseBook.shipped(code) : PhraseBook.empty(code);
            addExtras(book, extraPositivePhrases.getOrDefault(code, List.of()), true);
            addExtras(book, extraNegativePhrases.getOrDefault(code, List.of()), false);
            loaded.add(book);
            if (LanguageData.ships("language", code)) {
                LanguageData.lines("language", code).forEach(line -> Words.of(line.text())
                        .forEach(word -> {
                    languageWords.add(Words.foldUmlauts(word));
                    languageWords.add(Words.dropUmlauts(word));
                }));
            }
        }
        if (loaded.stream().allMatch(PhraseBook::isEmpty)) {
            throw new IllegalArgumentException("no WISMO phrases for any of " + codes + ": Promptly ships "
                    + PhraseBook.KIND + " phrase books for some languages only; add phrases for the others");
        }
        this.books = new PhraseBooks(loaded, languageWords);
        this.references = new ReferenceScanner(books);
        this.threshold = threshold;
        this.model = model;
        this.combination = Objects.requireNonNull(combination, "combination");
    }

    /** What the model reads of a message: its features, from the subject and what the customer wrote now. */
    List<IntentFeatures.Feature> features(String subject, String text) {
        return features(MessageBody.of(subject, text, books));
    }

    /** The subject of a reply is the shop's words ("Re: Your order is on its way"), not the customer's. */
    private static List<IntentFeatures.Feature> features(MessageBody body) {
        return IntentFeatures.of(body.replySubject() ? null : body.subject(), body.own());
    }

    private static void addExtras(PhraseBook book, List<String> phrases, boolean positive) {
        Objects.requireNonNull(phrases, "phrases of " + book.language());
        for (int i = 0; i < phrases.size(); i++) {
            try {
                book.addExtra(phrases.get(i), positive, EXTRA_PHRASE_WEIGHT);
            } catch (IllegalArgumentException e) {
                throw new InvalidPhraseException(book.language(), positive, i, e.getMessage());
            }
        }
    }

    /** The confidence from which a message is WISMO. */
    public double threshold() {
        return threshold;
    }

    /**
     * Reads one message.
     *
     * @param subject the subject line, or {@code null} (chat messages have none)
     * @param text the message text as received, with any quoted earlier mail, or {@code null}
     * @param format how the shop names its orders
     */
    public WismoSignal detect(String subject, String text, OrderNameFormat format) {
        Objects.requireNonNull(format, "format");
        MessageBody body = MessageBody.of(subject, text, books);
        ReferenceScanner.Found inSubject = references.scan(List.of(body.subject()), format);
        ReferenceScanner.Found inText = references.scan(List.of(body.own()), format);
        ReferenceScanner.Found inSignature = references.scan(List.of(body.signature()), format);
        List<String> orders = union(inSubject.orders(), inText.orders(), inSignature.orders());
        List<String> tracking = union(inSubject.tracking(), inText.tracking(), inSignature.tracking());
        // Out-of-office notes, bounces and read receipts answer the shop's own mail, often under its subject
        // ("Automatische Antwort: Ihre Bestellung #4711 wurde versendet"): nobody asks anything.
        if (body.automaticMark().isPresent()) {
            return new WismoSignal(Intent.OTHER, 1, false, orders, tracking, List.of(body.automaticMark().get()));
        }
        List<String> bareCandidates = union(inSubject.bare(), inText.bare());
        // The subject of a reply is usually the shop's ("Re: Your order #1001 has shipped"): its number is
        // worth looking up, but it is no sign that the customer asks about the order.
        boolean customerGaveNamedReference = !inText.orders().isEmpty() || !inText.tracking().isEmpty() || !inSignature.orders().isEmpty()
                || !body.replySubject() && (!inSubject.orders().isEmpty() || !inSubject.tracking().isEmpty());
        Map<Intent, List<String>> matchedPhrases = new EnumMap<>(Intent.class);
        List<Double> wismoWeights = new ArrayList<>();
        Set<Intent> sideRequests = EnumSet.noneOf(Intent.class);
        Map<Intent, Double> scores = scores(body, matchedPhrases, wismoWeights, sideRequests);
        double wismoScore = scores.getOrDefault(Intent.WISMO, 0.0);

        // The model reads what the phrases miss; the phrase books' hard negatives hold it back just the same.
        List<IntentFeatures.Feature> features = model == null ? List.of() : features(body);
        Map<Intent, Double> learned = features.isEmpty() ? Map.of() : model.probabilities(features);
        double learnedWismo = learned.getOrDefault(Intent.WISMO, 0.0);
        Map<Intent, Double> weighed = new EnumMap<>(scores);
        // Two requests, the WISMO question first and the other asked only in a later sentence ("Wo ist meine
        // Bestellung? Und die Rechnung gerne auch per Mail"): what the customer mainly wants is the order's
        // whereabouts, when the model too reads WISMO as the likeliest intent of all.
        boolean modelReadsWismoFirst = !learned.isEmpty() && learned.entrySet().stream()
                .allMatch(e -> e.getKey() == Intent.WISMO || e.getValue() < learnedWismo);
        if (modelReadsWismoFirst) {
            sideRequests.forEach(intent -> weighed.computeIfPresent(intent, (i, score) -> score * combination.sideRequest()));
        }
        double strongestNegative = weighed.entrySet().stream().filter(e -> HARD_NEGATIVES.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).max().orElse(0);

        double veto = 1 - strongestNegative * strongestNegative;
        List<String> bare = orders.isEmpty() && body.wordCount() <= SHORT_MESSAGE_WORDS && bareCandidates.size() <= MAX_BARE_REFERENCES
                ? bareCandidates : List.of();
        // A customer who puts one number in the subject of a new mail ("4129", "Reklamation Lieferzeit 44016")
        // names the order by it, however long the text below.
        if (orders.isEmpty() && bare.isEmpty() && !body.replySubject() && inSubject.bare().size() == 1) {
            bare = inSubject.bare();
        }
        // "#3081 ??", "versand?", "hi, status?": nothing but the order, its number and WISMO words, asked.
        List<String> onlyAboutTheOrder = onlyAboutTheOrder(body, union(orders, bareCandidates));
        boolean namesNegative = scores.keySet().stream().anyMatch(i -> HARD_NEGATIVES.contains(i) || i == Intent.COMPLAINT);
        // Only where it lifts the score: a question the phrases already read keeps their explanation.
        if (!onlyAboutTheOrder.isEmpty() && !namesNegative && wismoScore < SHORT_QUESTION_WEIGHT) {
            wismoScore = Math.max(wismoScore, SHORT_QUESTION_WEIGHT);
            List<String> phrases = matchedPhrases.computeIfAbsent(Intent.WISMO, i -> new ArrayList<>());
            onlyAboutTheOrder.stream().filter(word -> !phrases.contains(word)).forEach(phrases::add);
        }
        if (wismoScore > 0 && (customerGaveNamedReference || !bare.isEmpty())) {
            wismoScore = combined(wismoScore, REFERENCE_WEIGHT);
        }
        Map<Intent, Double> confidences = new EnumMap<>(weighed);
        learned.forEach((intent, probability) -> {
            if (intent != Intent.OTHER && intent != Intent.WISMO && probability >= MIN_LEARNED_PROBABILITY) {
                confidences.merge(intent, probability * LEARNED_FACTOR, Math::max);
            }
        });
        // The model mostly strengthens what some WISMO phrase already hints at, however weakly ("Stand?",
        // "my order"); when it is very sure it speaks alone ("bestellung wo 😭", "i hob no nix kriagt", "57016 👀"):
        // writers ask in ways no phrase book lists. That it may since it learned the support requests that are not
        // about an order (accounts, payments, "talk to a human", corpus/extra/*-extra6): before, it was as sure
        // of "update my profile". "my order" alone (0.3) hints at nothing: "Frage zu meiner Bestellung" may ask anything.
        boolean hinted = wismoWeights.stream().anyMatch(weight -> weight < GATE_WORD_WEIGHT || weight >= MIN_HINT_WEIGHT);
        // Sure of what the customer wrote, not of the subject alone: "Frage zu meiner Bestellung" names the order
        // whatever the text below asks.
        boolean sureAlone = learnedWismo >= combination.modelAlone() && (body.replySubject() || body.subject().isBlank()
                || model.probabilities(IntentFeatures.of(null, body.own())).getOrDefault(Intent.WISMO, 0.0) >= combination.modelAlone());
        // Very sure alone, it counts in full: "seit 2 wochen nix, des is a Frechheit" asks where the order is, whatever
        // anger the phrases read in it; "Ich warte auf eine Antwort zu meiner Reklamation" it is less sure of.
        double learnedPart = sureAlone && learnedWismo >= combination.modelInFull() ? learnedWismo
                : hinted || sureAlone ? learnedWismo * LEARNED_FACTOR : 0;
        confidences.put(Intent.WISMO, Math.max(wismoScore, learnedPart) * veto);

        Intent intent = Intent.OTHER;
        double best = 0;
        for (var entry : confidences.entrySet()) {
            if (entry.getValue() > best) {
                intent = entry.getKey();
                best = entry.getValue();
            }
        }
        double confidence = best;
        if (best < MIN_INTENT_SCORE) {
            intent = Intent.OTHER;
            confidence = 1 - best;
        }
        boolean wismo = intent == Intent.WISMO && confidence >= threshold;
        List<String> drivers = new ArrayList<>(matchedPhrases.getOrDefault(intent, List.of()));
        if (model != null) {
            model.drivers(features, intent).stream().filter(word -> !drivers.contains(word)).forEach(drivers::add);
        }
        // A bare number is the order's only where the message surely asks about an order it already has:
        // "bitte 80312 stornieren", "rechnung für 22390", not "Habt ihr 4711 in L?" or a number in any other mail.
        boolean aboutAnOrder = ABOUT_AN_ORDER.contains(intent) && confidence >= threshold;
        return new WismoSignal(intent, round(confidence), wismo, aboutAnOrder && orders.isEmpty() ? bare : orders, tracking, drivers);
    }

    private Map<Intent, Double> scores(MessageBody body, Map<Intent, List<String>> matchedPhrases, List<Double> wismoWeights,
                                       Set<Intent> sideRequests) {
        Map<PhraseBook.IntentPhrase, Double> matched = new LinkedHashMap<>();
        // Hard negatives named only as a fallback ("... or I want my money back") and those asked for outright.
        Set<Intent> fallbacks = EnumSet.noneOf(Intent.class);
        Set<Intent> outright = EnumSet.noneOf(Intent.class);
        // Where the first WISMO question is, and where each hard negative is first asked for outright.
        int firstWismo = Integer.MAX_VALUE;
        Map<Intent, Integer> firstNegative = new EnumMap<>(Intent.class);
        int index = -1;
        for (MessageBody.Sentence sentence : body.sentences()) {
            index++;
            double factor = sentence.replySubject() ? REPLY_SUBJECT_FACTOR : 1.0;
            List<Token> tokens = sentence.tokens();
            int fallbackStart = books.fallbackStart(tokens);
            BitSet wismoWords = wismoRuns(tokens);
            for (int start = 0; start < tokens.size(); start++) {
                for (PhraseBook.IntentPhrase phrase : books.phrasesStartingAt(tokens.get(start))) {
                    boolean fallback = start >= fallbackStart && HARD_NEGATIVES.contains(phrase.intent());
                    boolean news = matched.getOrDefault(phrase, 0.0) < factor || !fallback && !outright.contains(phrase.intent());
                    int end = news ? phrase.phrase().endOfMatch(tokens, start) : -1;
                    // "Rücksendung an den Absender" on a tracking page is the parcel's fate, not a return.
                    boolean partOfWismo = end >= 0 && HARD_NEGATIVES.contains(phrase.intent())
                            && wismoWords.nextClearBit(start) >= end;
                    if (end >= 0 && !partOfWismo) {
                        matched.merge(phrase, factor, Math::max);
                        (fallback ? fallbacks : outright).add(phrase.intent());
                        if (phrase.intent() == Intent.WISMO && phrase.weight() >= MIN_HINT_WEIGHT && !sentence.replySubject()) {
                            firstWismo = Math.min(firstWismo, index);
                        } else if (!fallback && HARD_NEGATIVES.contains(phrase.intent())) {
                            firstNegative.merge(phrase.intent(), index, Math::min);
                        }
                    }
                }
            }
        }
        fallbacks.removeAll(outright);
        int question = firstWismo;
        firstNegative.forEach((intent, first) -> {
            if (first > question) {
                sideRequests.add(intent);
            }
        });
        // The same phrase in two books ("tracking" is English and German) is one signal, not two.
        Map<String, Double> distinct = new LinkedHashMap<>();
        matched.forEach((phrase, factor) -> distinct.merge(phrase.intent().wire() + ":" + phrase.phrase().text(),
                phrase.weight() * factor, Math::max));
        // A gate word in the subject of a reply ("Re: Your order has shipped") is the shop's word, not the
        // customer's: it lets the model speak no more than the shop's quoted text would.
        matched.forEach((phrase, factor) -> {
            if (phrase.intent() == Intent.WISMO && (factor == 1.0 || phrase.weight() >= GATE_WORD_WEIGHT)) {
                wismoWeights.add(phrase.weight() * factor);
            }
        });
        Map<Intent, Double> scores = new EnumMap<>(Intent.class);
        distinct.forEach((key, weight) -> scores.merge(Intent.fromWire(key.substring(0, key.indexOf(':'))).orElseThrow(),
                weight, WismoDetector::combined));
        fallbacks.forEach(intent -> scores.computeIfPresent(intent, (i, score) -> score * FALLBACK_FACTOR));
        // The explanation names each intent's strongest phrases first (a stable sort keeps the text order of equals).
        distinct.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(entry -> {
            String key = entry.getKey();
            List<String> phrases = matchedPhrases.computeIfAbsent(Intent.fromWire(key.substring(0, key.indexOf(':'))).orElseThrow(),
                    i -> new ArrayList<>());
            if (phrases.size() < MAX_PHRASE_DRIVERS) {
                phrases.add(key.substring(key.indexOf(':') + 1));
            }
        });
        return scores;
    }

    /**
     * The words of a short question ("#3081 ??", "3081?", "versand?", "hi, status?", subject "Order 20565" above
     * a "?", also as one sentence of a longer mail: "Es geht um Bestellung 72421. Versand?") that is nothing but order numbers, words of WISMO
     * phrases (gate words included), order words ("Bestellung 3081?"), closings and filler words ("hallo",
     * "denn"), with at least one number or WISMO word; empty when the message has no such question. Such a
     * question asks where the order is: it names nothing else.
     */
    private List<String> onlyAboutTheOrder(MessageBody body, List<String> numbers) {
        List<String> telling = new ArrayList<>();
        // The whole message as one question ("Order 20565" above "?", "hello? order 22310") ...
        boolean asked = body.own().indexOf('?') >= 0 || body.subject().indexOf('?') >= 0;
        if (asked && !body.replySubject() && body.wordCount() <= SHORT_QUESTION_WORDS) {
            List<Token> all = new ArrayList<>();
            body.sentences().forEach(sentence -> all.addAll(sentence.tokens()));
            telling.addAll(tellingWords(all, numbers));
        }
        // ... or one clause of it ("Es geht um Bestellung 72421. Versand?").
        List<String> texts = body.replySubject() ? List.of(body.own()) : List.of(body.subject(), body.own());
        for (String text : texts) {
            // Each question mark looks back to the previous one at most, so a text of any size is read once.
            for (int mark = text.indexOf('?'); mark >= 0; mark = text.indexOf('?', mark + 1)) {
                int start = mark;
                while (start > 0 && mark - start < MAX_SHORT_QUESTION_CHARS && CLAUSE_ENDS.indexOf(text.charAt(start - 1)) < 0) {
                    start--;
                }
                boolean whole = start == 0 || CLAUSE_ENDS.indexOf(text.charAt(start - 1)) >= 0;
                List<Token> tokens = whole ? books.vocabulary().tokens(text.substring(start, mark)) : List.of();
                if (!tokens.isEmpty() && tokens.size() <= SHORT_QUESTION_WORDS) {
                    telling.addAll(tellingWords(tokens, numbers));
                }
            }
        }
        return telling.stream().distinct().toList();
    }

    /** The numbers and WISMO words of a short question, or none when it holds any other word. */
    private List<String> tellingWords(List<Token> tokens, List<String> numbers) {
        BitSet wismoWords = new BitSet();
        BitSet orderWords = new BitSet();
        for (int start = 0; start < tokens.size(); start++) {
            for (PhraseBook.IntentPhrase phrase : books.phrasesStartingAt(tokens.get(start))) {
                int end = phrase.intent() == Intent.WISMO ? phrase.phrase().endOfMatch(tokens, start) : -1;
                if (end > start) {
                    wismoWords.set(start, end);
                }
            }
            for (List<Phrase> list : List.of(books.references(), books.closings())) {
                for (Phrase phrase : list) {
                    int end = phrase.endOfMatch(tokens, start);
                    if (end > start) {
                        orderWords.set(start, end);
                    }
                }
            }
        }
        List<String> telling = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String word = tokens.get(i).word();
            if (numbers.contains(word) || wismoWords.get(i)) {
                telling.add(word);
            } else if (!orderWords.get(i) && !tokens.get(i).filler()) {
                return List.of();
            }
        }
        return telling;
    }

    /**
     * The words covered by a WISMO phrase without gaps ("rücksendung an den absender", "returning to sender"):
     * a hard negative lying wholly inside one is a word of that phrase, and does not count on its own.
     */
    private BitSet wismoRuns(List<Token> tokens) {
        BitSet covered = new BitSet();
        for (int start = 0; start < tokens.size(); start++) {
            for (PhraseBook.IntentPhrase phrase : books.phrasesStartingAt(tokens.get(start))) {
                if (phrase.intent() == Intent.WISMO && phrase.phrase().contiguous() && phrase.weight() >= MIN_HINT_WEIGHT) {
                    int end = phrase.phrase().endOfMatch(tokens, start);
                    if (end > start) {
                        covered.set(start, end);
                    }
                }
            }
        }
        return covered;
    }

    @SafeVarargs
    private static List<String> union(List<String>... lists) {
        var all = new LinkedHashSet<String>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }

    /** Two independent signals together: {@code 1 - (1 - a)(1 - b)}. */
    static double combined(double a, double b) {
        return 1 - (1 - a) * (1 - b);
    }

    /** Three decimals: enough to compare, and stable in reports. */
    private static double round(double value) {
        return Math.min(1, Math.max(0, Math.round(value * 1000) / 1000.0));
    }
}
