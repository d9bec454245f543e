package dev.promptly.core.sla;

import dev.promptly.core.message.Conversation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What an SLA alert says, for every channel: a one-line title, labelled fields (ticket, customer, clock,
 * due time, time left or overdue), the reason the deadline is what it is, and a link to the conversation
 * when the shop configured one. The customer's name goes to the team (it is who they must answer), never
 * to logs.
 *
 * @param link null when the shop has no {@code conversation_url}
 */
public record AlertText(String title, List<Field> fields, String reason, String link) {
    /**
     * English day and month abbreviations, as {@code DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH)}
     * writes them ({@code AlertTextTest} compares): the formatter's text fields load the JDK's locale data, about 50
     * classes and 40 ms at the first alert of a cold start, for names that never change.
     */
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /**
     * One labelled value. {@code customerWritten} marks a value a customer chose (their name): a channel
     * with markup must show it as plain text, never interpret it.
     */
    public record Field(String label, String value, boolean customerWritten) {
        public Field(String label, String value) {
            this(label, value, false);
        }
    }

    public AlertText {
        Objects.requireNonNull(title, "title");
        fields = List.copyOf(fields);
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * The alert for {@code stage} of {@code clock}, raised at {@code now}.
     *
     * @param conversationUrl the shop's link pattern with {@code {ticket}} / {@code {conversation_id}}, or null
     */
    public static AlertText of(String shopName, Conversation conversation, SlaReport report, ClockReport clock, AlertStage stage,
                               Instant now, String conversationUrl) {
        String clockName = clockName(clock);
        String title = switch (stage.kind()) {
            case WARNING -> "SLA warning: " + clockName + " for " + conversation.ticket() + " due in " + human(timeLeft(now, clock.dueAt()));
            case BREACH -> "SLA breached: " + clockName + " for " + conversation.ticket();
            case ESCALATION -> "SLA escalation: " + clockName + " for " + conversation.ticket() + " overdue by "
                    + human(Duration.between(clock.dueAt(), now));
        };
        ZoneId zone = report.calendarZone();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Ticket", conversation.ticket()));
        fields.add(new Field("Customer", conversation.customer().name() == null || conversation.customer().name().isBlank()
                ? "(no name)" : conversation.customer().name(), true));
        fields.add(new Field("Shop", shopName));
        fields.add(new Field("Clock", clockName));
        fields.add(new Field("Due", due(clock.dueAt().atZone(zone)) + " (" + zone.getId() + ")"));
        boolean overdue = !now.isBefore(clock.dueAt());
        fields.add(overdue ? new Field("Overdue by", human(Duration.between(clock.dueAt(), now)))
                : new Field("Time left", human(timeLeft(now, clock.dueAt()))));
        String link = conversationUrl == null ? null
                : conversationUrl.replace("{ticket}", conversation.ticket()).replace("{conversation_id}", conversation.id().value());
        return new AlertText(title, fields, reason(report, clock), link);
    }

    /** The alert as plain text: title, fields, reason, link. */
    public String plainText() {
        StringBuilder text = new StringBuilder(title).append("\n\n");
        fields.forEach(f -> text.append(f.label()).append(": ").append(f.value()).append('\n'));
        text.append("\nWhy: ").append(reason).append('\n');
        if (link != null) {
            text.append("\nOpen: ").append(link).append('\n');
        }
        return text.toString();
    }

    /** The explanation in one sentence: policy and why it applies, target and how it counts, pauses. */
    static String reason(SlaReport report, ClockReport clock) {
        String policy = report.policy().map(p -> "Policy " + p.policy().name() + " (" + String.join(", ", p.reasons()) + ")")
                .orElse("No policy");
        long pauses = clock.segments().stream().filter(s -> !s.running()).count();
        return policy + ": " + clockName(clock).toLowerCase(Locale.ROOT) + " within " + human(clock.target().budget()) + " of "
                + (clock.target().basis() == TimeBasis.BUSINESS ? "business hours (" + report.calendarZone().getId() + ")" : "calendar time")
                + " from " + due(clock.startedAt().atZone(report.calendarZone()))
                + (pauses == 0 ? "" : "; paused " + pauses + (pauses == 1 ? " time" : " times") + " while waiting on the customer or solved")
                + ".";
    }

    /** {@code Wed 25 Nov 14:00}: day of week, day of month, month, 24-hour time. */
    static String due(ZonedDateTime at) {
        return DAYS[at.getDayOfWeek().getValue() - 1] + " " + at.getDayOfMonth() + " " + MONTHS[at.getMonthValue() - 1] + " "
                + twoDigits(at.getHour()) + ":" + twoDigits(at.getMinute());
    }

    private static String twoDigits(long value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    static String clockName(ClockReport clock) {
        return switch (clock.kind()) {
            case FIRST_RESPONSE -> "First response";
            case NEXT_RESPONSE -> "Next response";
            case RESOLUTION -> "Resolution";
        };
    }

    /** Time left rounded up to the minute: 29 min 59 s left is "30 min", never less than the team really has. */
    static Duration timeLeft(Instant now, Instant due) {
        Duration left = Duration.between(now, due);
        Duration whole = left.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        return whole.equals(left) ? left : whole.plusMinutes(1);
    }

    /** {@code 2 h 05 min}, {@code 45 min}, {@code 3 d 4 h}; never negative. */
    static String human(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        long days = minutes / (24 * 60);
        long hours = (minutes / 60) % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + twoDigits(mins) + " min";
        }
        return mins + " min";
    }
}
