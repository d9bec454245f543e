#!/usr/bin/env python3
"""What a function's deployment jar contains: compressed bytes per library group, per jar.

  python3 bench/scripts/artifact-contents.py functions/*/target/promptly-*-function.jar

Prints a Markdown table (MB = 10^6 bytes of compressed entry data; the rest of each file is zip headers
and the central directory). Groups are matched by entry path, first match wins.
"""
import sys, zipfile, os

GROUPS = [
    ("Promptly's own classes and resources", ("dev/promptly/",)),
    ("AWS SDK DynamoDB client", ("software/amazon/awssdk/services/dynamodb/",)),
    ("AWS SDK region and service metadata, region resolution", ("software/amazon/awssdk/regions/",)),
    ("DynamoDB enhanced client", ("software/amazon/awssdk/enhanced/",)),
    ("AWS SDK core, HTTP, auth, protocols, utilities (incl. its shaded Jackson)", ("software/amazon/",)),
    ("Jackson (core, databind, annotations)", ("com/fasterxml/jackson/",)),
    ("JAXB runtime and API (Jollyday's XML backend)", ("org/glassfish/jaxb/", "jakarta/xml/bind/", "com/sun/istack/", "com/sun/xml/", "org/jvnet/")),
    ("Jollyday (rules, classes, names)", ("de/focus_shift/", "holidays/", "descriptions/")),
    ("jsoup", ("org/jsoup/",)),
    ("Jakarta Mail, Activation, Angus", ("jakarta/mail/", "jakarta/activation/", "org/eclipse/angus/", "com/sun/mail/")),
    ("ThreeTen-Extra", ("org/threeten/",)),
    ("JMustache", ("com/samskivert/",)),
    ("Lambda core and events, CRaC, SLF4J, reactive-streams", ("com/amazonaws/", "org/crac/", "org/slf4j/", "org/reactivestreams/")),
    ("META-INF (licences, Maven metadata, services, multi-release)", ("META-INF/",)),
]

def group(name):
    for label, prefixes in GROUPS:
        if name.startswith(prefixes):
            return label
    return "other"

jars = sys.argv[1:]
table = {}
for jar in jars:
    with zipfile.ZipFile(jar) as z:
        for info in z.infolist():
            key = group(info.filename)
            table.setdefault(key, {}).setdefault(jar, 0)
            table[key][jar] += info.compress_size
names = [os.path.basename(j).replace("promptly-", "").replace("-function.jar", "") for j in jars]
print("| Contents, compressed MB | " + " | ".join(names) + " |")
print("| --- |" + " ---: |" * len(jars))
order = [label for label, _ in GROUPS] + ["other"]
for label in order:
    if label in table:
        print("| " + label + " | " + " | ".join("%.2f" % (table[label].get(j, 0) / 1e6) for j in jars) + " |")
print("| **file size** | " + " | ".join("**%.2f**" % (os.path.getsize(j) / 1e6) for j in jars) + " |")
entries = []
for j in jars:
    with zipfile.ZipFile(j) as z:
        entries.append(len(z.infolist()))
print("| entries | " + " | ".join("{:,}".format(e) for e in entries) + " |")
