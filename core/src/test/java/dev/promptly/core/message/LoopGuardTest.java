package dev.promptly.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3834 and the autoresponder headers seen in the wild: which messages must never get an automatic reply. */
class LoopGuardTest {
    private static final String CUSTOMER = "anna.schmidt@example.com";
    private final LoopGuard guard = new LoopGuard(Set.of("Support@Acme-Shop.com", "orders@acme-shop.com"));

    /** Headers of an ordinary mail from a person, plus the given name/value pairs. */
    private static Map<String, List<String>> personalMailWith(String... nameValuePairs) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("From", List.of("Anna Schmidt <" + CUSTOMER + ">"));
        headers.put("To", List.of("support@acme-shop.com"));
        headers.put("Subject", List.of("Wo ist meine Bestellung #1001?"));
        headers.put("Content-Type", List.of("text/plain; charset=UTF-8"));
        headers.put("Return-Path", List.of("<" + CUSTOMER + ">"));
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            headers.put(nameValuePairs[i], List.of(nameValuePairs[i + 1]));
        }
        return headers;
    }

    private Optional<LoopReason> check(String... nameValuePairs) {
        return guard.check(personalMailWith(nameValuePairs), CUSTOMER);
    }

    // Normal messages

    @Test
    void personalMailMayBeAnswered() {
        var headers = personalMailWith("Auto-Submitted", "no");

        var reason = guard.check(headers, CUSTOMER);

        assertEquals(Optional.empty(), reason);
    }

    @Test
    void chatMessageWithoutHeadersOrSenderMayBeAnswered() {
        var reason = guard.check(Map.of(), null);

        assertEquals(Optional.empty(), reason);
    }

    // Auto-Submitted

    @ParameterizedTest
    @ValueSource(strings = {"auto-replied", "auto-generated", "auto-notified", "Auto-Replied", " auto-replied; owner-email=\"x@example.com\"",
            "auto-generated (vacation)", "something-new", ""})
    void autoSubmittedOtherThanNoIsNotAnswered(String value) {
        var reason = check("Auto-Submitted", value);

        assertEquals(Optional.of(LoopReason.AUTO_SUBMITTED), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "No", "NO", " no ", "no (sent by a person)"})
    void autoSubmittedNoIsAnswered(String value) {
        var reason = check("Auto-Submitted", value);

        assertEquals(Optional.empty(), reason);
    }

    @Test
    void headerNamesAreComparedWithoutCase() {
        var reason = check("auto-submitted", "auto-replied");

        assertEquals(Optional.of(LoopReason.AUTO_SUBMITTED), reason);
    }

    @Test
    void deeplyNestedCommentsAroundNoAreStrippedInOnePass() {
        int levels = 40_000; // 80 KB: the most a POST /messages body of 256 KiB carries after the rest of a relay
        String nested = "(".repeat(levels) + "x" + ")".repeat(levels);

        var reason = check("Auto-Submitted", nested + " no " + nested);

        assertEquals(Optional.empty(), reason);
    }

    @Test
    void deeplyNestedCommentsDoNotHideAnAutoReply() {
        int levels = 40_000;
        String nested = "(".repeat(levels) + "no" + ")".repeat(levels);

        var reason = check("Auto-Submitted", nested + "auto-replied");

        assertEquals(Optional.of(LoopReason.AUTO_SUBMITTED), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no (", "no (unclosed (comment)", "no (a) )", "(no"})
    void anUnbalancedCommentIsNoCleanNo(String value) {
        var reason = check("Auto-Submitted", value);

        assertEquals(Optional.of(LoopReason.AUTO_SUBMITTED), reason);
    }

    @Test
    void aQuotedParenthesisInsideACommentDoesNotEndIt() {
        var reason = check("Auto-Submitted", "no (a person wrote this \\) really)");

        assertEquals(Optional.empty(), reason);
    }

    @Test
    void commentsAreReplacedByOneSpaceWhateverTheirDepth() {
        assertEquals("a   b", LoopGuard.withoutComments("a (x (y) z) b"));
        assertEquals("a ) b (c", LoopGuard.withoutComments("a ) b (c"));
    }

    // Precedence

    @ParameterizedTest
    @ValueSource(strings = {"bulk", "list", "junk", "auto_reply", "Bulk", " JUNK ", "auto-reply"})
    void bulkPrecedenceIsNotAnswered(String value) {
        var reason = check("Precedence", value);

        assertEquals(Optional.of(LoopReason.PRECEDENCE), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"first-class", "normal", "urgent", ""})
    void otherPrecedenceIsAnswered(String value) {
        var reason = check("Precedence", value);

        assertEquals(Optional.empty(), reason);
    }

    // Mailing lists

    @ParameterizedTest
    @ValueSource(strings = {"List-Id", "List-Unsubscribe", "List-Post", "list-help", "LIST-ARCHIVE", "List-Unsubscribe-Post"})
    void mailingListHeadersAreNotAnswered(String name) {
        var reason = check(name, "<news.acme-shop.com>");

        assertEquals(Optional.of(LoopReason.MAILING_LIST), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Listing", "X-List-Id", "List"})
    void headersThatOnlyResembleListHeadersAreAnswered(String name) {
        var reason = check(name, "x");

        assertEquals(Optional.empty(), reason);
    }

    // Autoresponder headers

    @ParameterizedTest
    @ValueSource(strings = {"X-Autoreply", "X-Autorespond", "X-AutoReply-From", "X-Mail-Autoreply", "x-autoreply"})
    void autoresponderHeadersAreNotAnswered(String name) {
        var reason = check(name, "yes");

        assertEquals(Optional.of(LoopReason.AUTORESPONDER_HEADER), reason);
    }

    @Test
    void blankAutoresponderHeaderIsNotAnswered() {
        var reason = check("X-Autorespond", "");

        assertEquals(Optional.of(LoopReason.AUTORESPONDER_HEADER), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "No", "false", "FALSE "})
    void autoresponderHeaderThatSaysNoIsAnswered(String value) {
        var reason = check("X-Autoreply", value);

        assertEquals(Optional.empty(), reason);
    }

    // X-Auto-Response-Suppress

    @ParameterizedTest
    @ValueSource(strings = {"All", "OOF", "AutoReply", "DR, OOF", "dr,rn,autoreply", "NDR; all"})
    void suppressedAutoResponsesAreNotSent(String value) {
        var reason = check("X-Auto-Response-Suppress", value);

        assertEquals(Optional.of(LoopReason.RESPONSE_SUPPRESSED), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DR, RN", "NDR", "None", "RN, NRN", "Allowed"})
    void suppressingOnlyReceiptsAndReportsIsAnswered(String value) {
        var reason = check("X-Auto-Response-Suppress", value);

        assertEquals(Optional.empty(), reason);
    }

    // Return-Path

    @ParameterizedTest
    @ValueSource(strings = {"<>", "< >", "", "  ", "<> (bounce)"})
    void emptyReturnPathIsNotAnswered(String value) {
        var reason = check("Return-Path", value);

        assertEquals(Optional.of(LoopReason.EMPTY_RETURN_PATH), reason);
    }

    @Test
    void absentReturnPathIsAnswered() {
        var headers = personalMailWith();
        headers.remove("Return-Path");

        var reason = guard.check(headers, CUSTOMER);

        assertEquals(Optional.empty(), reason);
    }

    @Test
    void returnPathMappedToNoValuesCountsAsAbsent() {
        var headers = personalMailWith();
        headers.put("Return-Path", List.of());

        var reason = guard.check(headers, CUSTOMER);

        assertEquals(Optional.empty(), reason);
    }

    // Delivery reports

    @ParameterizedTest
    @ValueSource(strings = {
            "multipart/report; report-type=delivery-status; boundary=\"b1\"",
            "Multipart/Report; report-type=\"disposition-notification\"; boundary=b2",
            "multipart/report; report-type=feedback-report; boundary=b3",
            "message/delivery-status",
            "message/global-delivery-status",
            "message/disposition-notification"})
    void deliveryReportsAreNotAnswered(String contentType) {
        var reason = check("Content-Type", contentType);

        assertEquals(Optional.of(LoopReason.DELIVERY_REPORT), reason);
    }

    @Test
    void bounceNamingFailedRecipientsIsNotAnswered() {
        var reason = check("X-Failed-Recipients", "someone@example.org");

        assertEquals(Optional.of(LoopReason.DELIVERY_REPORT), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart/mixed; boundary=x", "multipart/alternative; boundary=y", "text/html; charset=utf-8",
            "message/rfc822", "multipart/related; type=\"text/html\"; report-type=delivery-status"})
    void ordinaryContentTypesAreAnswered(String contentType) {
        var reason = check("Content-Type", contentType);

        assertEquals(Optional.empty(), reason);
    }

    // System senders

    @ParameterizedTest
    @ValueSource(strings = {"MAILER-DAEMON@mx.example.com", "postmaster@example.com", "no-reply@shop.example", "noreply@example.com",
            "do-not-reply@example.com", "DoNotReply@example.com", "bounce@example.com", "bounces+1234-abcd=example.com@sendgrid.net",
            "noreply-orders@example.com", "orders.no-reply@example.com", "no_reply@example.com", "noreply+tag@example.com",
            "Notifications <notifications-noreply@example.com>", "MAILER-DAEMON"})
    void systemSendersAreNotAnswered(String sender) {
        var reason = guard.check(personalMailWith(), sender);

        assertEquals(Optional.of(LoopReason.SYSTEM_SENDER), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"norbert@example.com", "bouncer@example.com", "noah.reply@example.com", "replyto@example.com",
            "nora@example.com", "Anna Schmidt <anna.schmidt@example.com>", "+4917012345678"})
    void peopleWhoseNamesResembleSystemSendersAreAnswered(String sender) {
        var reason = guard.check(personalMailWith(), sender);

        assertEquals(Optional.empty(), reason);
    }

    @Test
    void systemWordInTheDomainOnlyIsAnswered() {
        var reason = guard.check(personalMailWith(), "anna@noreply.example.com");

        assertEquals(Optional.empty(), reason);
    }

    // Own addresses

    @ParameterizedTest
    @ValueSource(strings = {"support@acme-shop.com", "SUPPORT@ACME-SHOP.COM", "orders@acme-shop.com", "support+loop@acme-shop.com",
            "Acme Support <support@acme-shop.com>"})
    void mailFromTheShopsOwnAddressIsNotAnswered(String sender) {
        var reason = guard.check(personalMailWith(), sender);

        assertEquals(Optional.of(LoopReason.OWN_ADDRESS), reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"support@other-shop.com", "support-team@acme-shop.com", "anna@acme-shop.com", "support@acme-shop.com.evil.example"})
    void mailFromOtherAddressesIsAnswered(String sender) {
        var reason = guard.check(personalMailWith(), sender);

        assertEquals(Optional.empty(), reason);
    }

    @Test
    void ownAddressConfiguredWithATagStillMatchesThePlainMailbox() {
        var tagged = new LoopGuard(Set.of("support+promptly@acme-shop.com"));

        var reason = tagged.check(personalMailWith(), "support@acme-shop.com");

        assertEquals(Optional.of(LoopReason.OWN_ADDRESS), reason);
    }

    @Test
    void ownAddressThatIsNoAddressIsRejected() {
        var thrown = assertThrows(IllegalArgumentException.class, () -> new LoopGuard(Set.of("support")));

        assertEquals("ownAddresses: each must be an e-mail address such as support@acme.com", thrown.getMessage());
    }

    // Our loop marker

    @ParameterizedTest
    @ValueSource(strings = {"acme.myshopify.com", "other-shop.myshopify.com", ""})
    void mailCarryingOurLoopMarkerIsNotAnswered(String value) {
        var reason = check("x-promptly-loop", value);

        assertEquals(Optional.of(LoopReason.OWN_LOOP_MARKER), reason);
    }

    @Test
    void mailWithoutOurLoopMarkerIsAnswered() {
        var reason = check("X-Promptly-Trace", "acme.myshopify.com");

        assertEquals(Optional.empty(), reason);
    }

    // Order of the rules

    @Test
    void loopMarkerIsReportedBeforeEverythingElse() {
        var headers = personalMailWith(LoopGuard.LOOP_MARKER_HEADER, "acme.myshopify.com", "Auto-Submitted", "auto-replied",
                "Content-Type", "multipart/report; report-type=delivery-status");

        var reason = guard.check(headers, "support@acme-shop.com");

        assertEquals(Optional.of(LoopReason.OWN_LOOP_MARKER), reason);
    }

    @Test
    void ownAddressIsReportedBeforeHeaderRules() {
        var headers = personalMailWith("Auto-Submitted", "auto-replied", "Precedence", "bulk");

        var reason = guard.check(headers, "support@acme-shop.com");

        assertEquals(Optional.of(LoopReason.OWN_ADDRESS), reason);
    }

    @Test
    void typicalBounceIsReportedAsDeliveryReport() {
        var headers = personalMailWith("Auto-Submitted", "auto-replied", "Return-Path", "<>",
                "Content-Type", "multipart/report; report-type=delivery-status; boundary=\"00000\"");

        var reason = guard.check(headers, "mailer-daemon@googlemail.com");

        assertEquals(Optional.of(LoopReason.DELIVERY_REPORT), reason);
    }

    @Test
    void outOfOfficeReplyIsReportedAsAutoSubmitted() {
        var headers = personalMailWith("Auto-Submitted", "auto-replied", "X-Auto-Response-Suppress", "All", "Precedence", "bulk");

        var reason = guard.check(headers, "noreply@example.com");

        assertEquals(Optional.of(LoopReason.AUTO_SUBMITTED), reason);
    }

    @Test
    void headersSplitAcrossDifferentlyCasedKeysAreAllRead() {
        var headers = personalMailWith();
        headers.put("AUTO-SUBMITTED", List.of("no"));
        headers.put("auto-submitted", List.of("auto-generated"));

        var reason = guard.check(headers, CUSTOMER);

        assertEquals(Optional.of(LoopReason.AUTO_SUBMITTED), reason);
    }

    // Codes

    @Test
    void everyReasonHasASnakeCaseCode() {
        var codes = java.util.Arrays.stream(LoopReason.values()).map(LoopReason::code).toList();

        assertEquals(List.of("auto_submitted", "precedence", "mailing_list", "autoresponder_header", "response_suppressed",
                "empty_return_path", "delivery_report", "system_sender", "own_address", "own_loop_marker"), codes);
    }
}
