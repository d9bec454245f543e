package dev.promptly.holidays;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The public-holiday table: one gzipped resource, {@value #RESOURCE} next to this class, generated from
 * Jollyday by {@code tools/holidays-table} ({@link HolidayTableWriter}; command in docs/architecture.md) and
 * checked against Jollyday by {@code HolidayTableTest}. This class reads its index: the years, where the
 * holiday names are, the countries with their subdivision codes and where each country's dates are. A
 * country's dates are decoded by its {@link HolidayTable} when first asked for, names when first shown.
 *
 * <p>Format (after gunzip; "varint" is an unsigned LEB128 number of at most 5 bytes, "text" a varint length
 * and that many UTF-8 bytes):
 * <pre>
 * "PHT" 0x01                  magic and format version
 * varint first year, varint number of years
 * varint number of names, per name: text English, text German        name ids count from 0
 * varint number of countries, per country (codes ascending):
 *   2 ASCII letters, varint number of regions, per region: text code (A-Z, 0-9; ascending)
 *   varint length of the country's dates, then the dates: a section for the national holidays, then one
 *   per region with the holidays it adds to the national ones
 * section: varint number of series; per series (one holiday name, ids ascending):
 *   varint name id (the first as is, then minus the previous id minus 1), varint {@link Recurrence} code,
 *   then tokens until every year is covered: varint 2n repeats the previous year's values for n years
 *   (none before the first year); varint 2c+1 gives c values of this year, each a zigzag varint difference
 *   to the value before it in the year, the first to the previous year's first value (or 0)
 * </pre>
 * A value is the date as its series' {@link Recurrence} writes it, so a fixed or Easter-bound holiday is one
 * token for all years. Everything is read in one linear pass with the sizes capped ({@link #MAX_BYTES} and
 * the other limits below); a malformed table is a build error, reported as {@link IllegalStateException}
 * naming the resource, the byte offset and the problem. Immutable; names are decoded under a lock.
 */
final class HolidayTableIndex {
    static final String RESOURCE = "public-holidays.bin.gz";
    static final byte[] MAGIC = {'P', 'H', 'T', 1};
    /** Caps, far above the table's sizes (about 0.13 MB, 61 years, 658 names, 54 regions in a country). */
    static final int MAX_BYTES = 4 << 20;
    static final int MIN_YEAR = 1583;
    static final int MAX_YEAR = 9999;
    static final int MAX_YEARS = 400;
    static final int MAX_NAMES = 1 << 16;
    static final int MAX_NAME_BYTES = 512;
    static final int MAX_REGIONS = 1_000;
    static final int MAX_REGION_CODE = 8;
    static final int MAX_DATES_PER_SERIES = 64;
    static final int MAX_DATES_PER_YEAR = 1_024;

    private static final Object LOCK = new Object();
    private static volatile HolidayTableIndex resource;

    private final String source;
    private final byte[] data;
    private final int firstYear;
    private final int lastYear;
    /** Where each name's English text starts; its German text follows. */
    private final int[] nameAt;
    private final String[] english;
    private final String[] german;
    private final Map<String, HolidayTable> countries;

    private HolidayTableIndex(String source, byte[] data) {
        this.source = source;
        this.data = data;
        Reader in = new Reader(source, data, 0, data.length);
        for (byte b : MAGIC) {
            if (in.u8() != (b & 0xff)) {
                throw in.malformedAt(in.position() - 1, "not a holiday table of format " + MAGIC[3]);
            }
        }
        firstYear = in.varint(MAX_YEAR, "first year");
        int years = in.varint(MAX_YEARS, "number of years");
        lastYear = firstYear + years - 1;
        if (firstYear < MIN_YEAR || years < 1 || lastYear > MAX_YEAR) {
            throw in.malformed("years " + firstYear + "-" + lastYear + " are not supported");
        }
        nameAt = new int[in.varint(MAX_NAMES, "number of names")];
        for (int id = 0; id < nameAt.length; id++) {
            nameAt[id] = in.position();
            in.skipName();
            in.skipName();
        }
        english = new String[nameAt.length];
        german = new String[nameAt.length];
        int count = in.varint(26 * 26, "number of countries");
        Map<String, HolidayTable> byCode = new HashMap<>(count * 2);
        String previous = "";
        for (int c = 0; c < count; c++) {
            in.context(null);
            int codeAt = in.position();
            String code = in.code(2, 2, false, "country code");
            if (code.compareTo(previous) <= 0) {
                throw in.malformedAt(codeAt, "country " + code + " is not in ascending order");
            }
            previous = code;
            in.context(code);
            String[] regions = new String[in.varint(MAX_REGIONS, "number of regions")];
            for (int r = 0; r < regions.length; r++) {
                regions[r] = in.code(in.varint(MAX_REGION_CODE, "region code length"), 1, true, "region code");
                if (r > 0 && regions[r].compareTo(regions[r - 1]) <= 0) {
                    throw in.malformed("region " + regions[r] + " is not in ascending order");
                }
            }
            int length = in.varint(data.length, "length of the dates");
            int start = in.position();
            in.skip(length, "dates");
            byCode.put(code, new HolidayTable(this, code, regions, start, start + length));
        }
        in.context(null);
        if (in.position() != data.length) {
            throw in.malformed("unexpected bytes after the last country");
        }
        countries = byCode;
    }

    /**
     * The table in the resource, read (gunzipped and indexed) on the first call and kept for the JVM's life.
     * Not in a static initialiser, so a broken table fails each call with its message, not with
     * {@link NoClassDefFoundError}.
     */
    static HolidayTableIndex resource() {
        HolidayTableIndex index = resource;
        if (index == null) {
            synchronized (LOCK) {
                index = resource;
                if (index == null) {
                    index = new HolidayTableIndex(RESOURCE, read(RESOURCE));
                    resource = index;
                }
            }
        }
        return index;
    }

    /** A table from {@code data} (uncompressed), named {@code source} in error messages. */
    static HolidayTableIndex parse(String source, byte[] data) {
        return new HolidayTableIndex(source, data.clone());
    }

    private static byte[] read(String name) {
        try (InputStream raw = HolidayTableIndex.class.getResourceAsStream(name)) {
            if (raw == null) {
                throw new IllegalStateException("holiday table " + name + " is missing from the class path");
            }
            try (InputStream in = new GZIPInputStream(raw, 8192)) {
                byte[] data = in.readNBytes(MAX_BYTES + 1);
                if (data.length > MAX_BYTES) {
                    throw new IllegalStateException("holiday table " + name + " exceeds " + MAX_BYTES + " bytes");
                }
                return data;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read holiday table " + name, e);
        }
    }

    /** The country's holidays ({@code DE}), or null if the table has none. */
    HolidayTable country(String code) {
        return countries.get(code);
    }

    int firstYear() {
        return firstYear;
    }

    int lastYear() {
        return lastYear;
    }

    int names() {
        return nameAt.length;
    }

    /** Name {@code id} in German or English, decoded on first use. */
    String name(int id, boolean inGerman) {
        synchronized (english) {
            String[] cache = inGerman ? german : english;
            if (cache[id] == null) {
                Reader in = new Reader(source, data, nameAt[id], data.length);
                english[id] = in.name();
                german[id] = in.name();
            }
            return cache[id];
        }
    }

    /** A reader for the bytes {@code from} to {@code to} of the table. */
    Reader reader(int from, int to) {
        return new Reader(source, data, from, to);
    }

    /** Reads the table's primitives, each checked against the end and its cap. */
    static final class Reader {
        private final String source;
        private final byte[] data;
        private final int end;
        private int at;
        /** What is being read ({@code DE region BY}), named in error messages; its text is made only for them. */
        private Object context;

        Reader(String source, byte[] data, int from, int to) {
            this.source = source;
            this.data = data;
            this.at = from;
            this.end = to;
        }

        void context(Object context) {
            this.context = context;
        }

        int position() {
            return at;
        }

        boolean atEnd() {
            return at == end;
        }

        int u8() {
            if (at >= end) {
                throw malformed("ends early");
            }
            return data[at++] & 0xff;
        }

        /** An unsigned LEB128 number of at most 5 bytes and at most {@code max}. */
        int varint(int max, String what) {
            int start = at;
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 28) {
                    throw malformedAt(start, what + ": varint longer than 5 bytes");
                }
                if (at >= end) {
                    throw malformedAt(start, what + " ends early");
                }
                int b = data[at++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (value > max) {
                throw malformedAt(start, what + " " + value + " exceeds " + max);
            }
            return (int) value;
        }

        /** A zigzag-coded signed varint. */
        int signedVarint(String what) {
            int zigzag = varint(Integer.MAX_VALUE, what);
            return (zigzag >>> 1) ^ -(zigzag & 1);
        }

        void skip(int length, String what) {
            if (length > end - at) {
                throw malformed(what + " ends early");
            }
            at += length;
        }

        // Messages are constants here: a concatenation on the normal path would cost a bootstrap at cold start.
        void skipName() {
            int length = varint(MAX_NAME_BYTES, "name length");
            if (length == 0) {
                throw malformed("name is empty");
            }
            skip(length, "name");
        }

        String name() {
            int start = at;
            int length = varint(MAX_NAME_BYTES, "name length");
            skip(length, "name");
            try {
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data, at - length, length)).toString();
            } catch (CharacterCodingException e) {
                throw malformedAt(start, "name is not UTF-8");
            }
        }

        /** {@code length} ASCII upper-case letters (and digits if {@code digits}). */
        String code(int length, int min, boolean digits, String what) {
            if (length < min) {
                throw malformed(what + " is empty");
            }
            int start = at;
            skip(length, what);
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                char c = (char) (data[start + i] & 0xff);
                if (!(c >= 'A' && c <= 'Z' || digits && c >= '0' && c <= '9')) {
                    throw malformedAt(start, what + " is not " + (digits ? "A-Z, 0-9" : "A-Z"));
                }
                chars[i] = c;
            }
            return new String(chars);
        }

        IllegalStateException malformed(String problem) {
            return malformedAt(at, problem);
        }

        IllegalStateException malformedAt(int offset, String problem) {
            return new IllegalStateException("holiday table " + source + " at byte " + offset + ": "
                    + (context == null ? "" : context + ": ") + problem);
        }
    }

    @Override
    public String toString() {
        return "HolidayTableIndex[" + source + ", " + countries.size() + " countries, " + firstYear + "-" + lastYear + "]";
    }
}
