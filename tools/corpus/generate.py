#!/usr/bin/env python3
"""Writes the detection corpus core/src/test/resources/corpus/{de,en}-{train,dev,test}.csv.

Deterministic: the same script always writes the same files (fixed seeds, no clock, no network).
How it is made and why: core/src/test/resources/corpus/README.md. Run from the repository root:
    python3 tools/corpus/generate.py
"""
import csv
import hashlib
import os
import random
import re

from fragments_de import DE
from fragments_en import EN

OUT = os.path.join("core", "src", "test", "resources", "corpus")
SPLITS = ("train", "dev", "test")
# Messages per language and split: WISMO and not-WISMO in equal numbers.
SIZE = {"train": 2400, "dev": 800, "test": 800}
NON_WISMO_SHARE = {"pre_purchase": 0.2, "return": 0.11, "refund": 0.1, "cancellation": 0.1,
                   "address_change": 0.09, "invoice": 0.1, "complaint": 0.14, "other": 0.16}


# Per language: the seed of its messages and the salt of its split. English was drawn anew in issue 18's
# second round (new salt and seed), so its test split holds phrasings no one had looked at errors of;
# German is as first drawn, so its figures stay comparable.
SEED = {"de": "2026", "en": "2026-v2"}
SALT = {"de": "", "en": "v2|"}


def split_of(fragment, salt=""):
    """Each core phrasing belongs to one split only, so dev and test hold phrasings training never saw."""
    bucket = int(hashlib.sha256((salt + fragment).encode("utf-8")).hexdigest()[:8], 16) % 10
    return "train" if bucket < 6 else "dev" if bucket < 8 else "test"


def of_split(fragments, split, salt=""):
    # Short lists (openers, closings) are shared; the wording that carries the intent is split.
    chosen = [f for f in fragments if split_of(f, salt) == split]
    return chosen if chosen else list(fragments)


class Writer:
    def __init__(self, lang, book, split, rng):
        self.lang, self.book, self.split, self.rng = lang, book, split, rng

    def pick(self, key):
        return self.rng.choice(of_split(self.book[key], self.split, SALT[self.lang]))

    def fill(self, template, ref_phrase):
        b, r = self.book, self.rng
        text = template
        for _ in range(3):
            for slot, values in b["slots"].items():
                token = "{" + slot + "}"
                while token in text:
                    text = text.replace(token, r.choice(values), 1)
        return text

    def message(self, intent, kind):
        r, b = self.rng, self.book
        chat = r.random() < 0.35
        number = str(r.choice([r.randint(1001, 9999), r.randint(10000, 99999), r.randint(100000, 999999)]))
        ref_mode = r.choices(["none", "text", "line", "subject", "bare"], [0.35, 0.3, 0.12, 0.18 if not chat else 0, 0.05])[0]
        if chat and ref_mode in ("line", "subject"):
            ref_mode = "text"  # a chat has neither lines of its own nor a subject
        ref_phrase = r.choice(b["refs"]).replace("{n}", number)
        core = self.fill(self.pick(kind), "")
        if ref_mode == "text":
            sentence = self.fill(r.choice(b["ref_sentences"]), "").replace("{ref}", ref_phrase)
            core = sentence + " " + core if r.random() < 0.4 else core + " " + sentence
        expected = number if ref_mode in ("text", "line", "subject") else ""
        parts = []
        if chat:
            if r.random() < 0.4:
                parts.append(r.choice(b["chat_openers"]))
            parts.append(core)
            if r.random() < 0.3:
                parts.append(self.fill(self.pick("extras"), ""))
            if ref_mode == "bare":
                parts.append(number)
                # A bare number counts only in a short WISMO question ("wo bleibt 12345?").
                expected = number if intent == "wismo" else ""
            if r.random() < 0.3:
                parts.append(r.choice(b["emojis"]))
            text = " ".join(parts)
            subject, sender = "", "" if r.random() < 0.6 else "+49 151 %07d" % r.randint(0, 9999999)
        else:
            parts.append(r.choice(b["greetings"]))
            if r.random() < 0.35:
                parts.append(self.fill(self.pick("context"), ""))
            parts.append(core)
            if ref_mode == "line":
                parts.append(self.fill(r.choice(b["ref_lines"]), "").replace("{n}", number))
            if ref_mode == "bare":
                ref_mode, expected = "none", ""
            if r.random() < 0.35:
                parts.append(self.fill(self.pick("extras"), ""))
            sig = self.signature(number)
            quoted = ""
            body = "\n\n".join(parts) + "\n\n" + sig
            if "disclaimers" in b and r.random() < 0.1:
                body += "\n" + r.choice(b["disclaimers"])
            if "forwards" in b and r.random() < 0.1:
                # Forwarded rather than quoted: the shop's mail follows a forward header, with its own order number.
                quoted = "\n\n" + r.choice(b["forwards"]).replace("{q}", str(r.randint(1001, 99999)))
            elif r.random() < 0.25:
                quoted = "\n\n" + self.fill(r.choice(b["quotes"]), "").replace("{q}", str(r.randint(1001, 99999)))
            # A mail client writes the quote and its header, so typing noise belongs to the customer's text only
            # (English since issue 18's second round; German as first drawn, with noise in quotes too).
            text = body if b.get("clean_quotes") else body + quoted
            subject, earlier = self.subject(intent, kind, number if ref_mode == "subject" else None)
            # A reply's subject may name an earlier order number: it is looked up too, and comes first.
            expected = " ".join(x for x in (earlier, expected) if x)
            sender = "%s.%s%d@%s" % (r.choice(b["first"]).lower(), r.choice(b["last"]).lower(), r.randint(1, 99),
                                    r.choice(["example.com", "example.org", "example.net"]))
        text, subject = self.noise(text, chat), self.noise(subject, False) if subject else subject
        if not chat and b.get("clean_quotes"):
            text += quoted
        if expected and any(x not in text + " " + subject for x in expected.split()):
            raise AssertionError("order number lost: " + expected)
        return {"subject": subject, "text": text, "from": sender, "label": intent, "language": self.lang,
                "order_ref": expected, "kind": kind, "channel": "chat" if chat else "mail"}

    def signature(self, number):
        r, b = self.rng, self.book
        name = "%s %s" % (r.choice(b["first"]), r.choice(b["last"]))
        lines = [r.choice(b["closings"]), name]
        if r.random() < 0.35:  # business mail: company, address, phone, numbers that are no order number
            lines += [self.fill(r.choice(b["companies"]), ""), self.fill(r.choice(b["addresses"]), "")]
            lines += r.sample([self.fill(x, "") for x in b["signature_numbers"]], 2)
        elif r.random() < 0.2:
            lines.append(self.fill(r.choice(b["signature_numbers"]), ""))
        if r.random() < 0.15:
            lines.append(r.choice(b["sent_from"]))
        return "\n".join(lines)

    def subject(self, intent, kind, number):
        r, b = self.rng, self.book
        roll = r.random()
        if number is not None:
            return self.fill(r.choice(b["ref_subjects"]), "").replace("{n}", number), ""
        if roll < 0.25:
            return r.choice(b["generic_subjects"]), ""
        if roll < 0.4:
            template = r.choice(b["reply_subjects"])
            earlier = str(r.randint(1001, 99999)) if "{q}" in template else ""
            return self.fill(template, "").replace("{q}", earlier), earlier
        return self.fill(self.pick("subject_" + intent) if "subject_" + intent in b else r.choice(b["generic_subjects"]), ""), ""

    def noise(self, text, chat):
        r = self.rng
        if self.lang == "de":
            fold = r.random()
            if fold < 0.15:
                text = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
            elif fold < 0.22:
                text = text.replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ß", "ss")
        if "misspellings" in self.book and r.random() < 0.25:
            # One common misspelling ("recieved", "adress", "u" in a chat), as people type in a hurry.
            wrong = [w for w in self.book["misspellings"] if re.search(r"\b%s\b" % re.escape(w), text) and (chat or len(w) > 3)]
            if wrong:
                w = r.choice(sorted(wrong))
                text = re.sub(r"\b%s\b" % re.escape(w), self.book["misspellings"][w], text, count=1)
        if chat and r.random() < 0.5:
            text = text.lower()
        if chat and r.random() < 0.3:
            text = text.replace(",", "").replace(".", "")
        if r.random() < 0.3:
            words = text.split(" ")
            for i, w in enumerate(words):
                if len(w) >= 6 and w.isalpha() and r.random() < 0.08:
                    j = r.randint(1, len(w) - 2)
                    op = r.random()
                    words[i] = (w[:j] + w[j + 1] + w[j] + w[j + 2:]) if op < 0.4 else (w[:j] + w[j + 1:]) if op < 0.7 else (w[:j] + w[j] + w[j:])
            text = " ".join(words)
        return text


def generate(lang, book):
    rows = []
    for split in SPLITS:
        rng = random.Random("%s-%s-%s" % (lang, split, SEED[lang]))
        w = Writer(lang, book, split, rng)
        n = SIZE[split]
        plan = [("wismo", rng.choice(book["wismo_kinds"])) for _ in range(n // 2)]
        for intent, share in NON_WISMO_SHARE.items():
            plan += [(intent, intent)] * round(n // 2 * share)
        rng.shuffle(plan)
        for intent, kind in plan:
            if intent == "wismo":
                kind = rng.choice(book["wismo_kinds"])
            row = w.message(intent, kind)
            row["split"] = split
            rows.append(row)
    return rows


def main():
    os.makedirs(OUT, exist_ok=True)
    for lang, book in (("de", DE), ("en", EN)):
        rows = generate(lang, book)
        for split in SPLITS:
            path = os.path.join(OUT, "%s-%s.csv" % (lang, split))
            with open(path, "w", encoding="utf-8", newline="") as f:
                out = csv.DictWriter(f, ["subject", "text", "from", "label", "language", "order_ref", "kind", "channel"],
                                     lineterminator="\n", extrasaction="ignore")
                out.writeheader()
                out.writerows(row for row in rows if row["split"] == split)
            print(path, sum(1 for row in rows if row["split"] == split))


if __name__ == "__main__":
    main()
