#!/usr/bin/env python3
"""Classes a cold start loaded, by origin, from -Xlog:class+load files (one per child JVM).

  rm -rf /tmp/classes && mkdir /tmp/classes
  java -Dbench.childFlags=-Xlog:class+load:file=/tmp/classes/%p.log -jar bench/target/promptly-bench.jar \
      cold --runs 1 --modes plain --only shopify-webhook,messages-api
  python3 bench/scripts/class-origins.py /tmp/classes/*.log

Each column is one child JVM, named by the handler class it ran; counts run to the first handler
return plus what java.lang.management loads afterwards to count classes.
"""
import sys, re, collections

def origin(name, source):
    jdk = 'jrt:' in source or 'shared objects file' in source
    if name.startswith('com.fasterxml.jackson'): return 'Jackson'
    if name.startswith(('org.glassfish.jaxb', 'jakarta.xml.bind', 'com.sun.istack', 'org.jvnet')): return 'JAXB'
    if name.startswith(('com.sun.org.apache.xerces', 'com.sun.org.apache.xalan', 'javax.xml', 'com.sun.xml', 'org.xml', 'jdk.xml')): return 'JDK XML parsing'
    if name.startswith('de.focus_shift'): return 'Jollyday'
    if name.startswith('org.threeten'): return 'ThreeTen-Extra'
    if name.startswith('software.amazon.awssdk.enhanced'): return 'DynamoDB enhanced client'
    if name.startswith('software.amazon.awssdk'): return 'AWS SDK (the rest)'
    if name.startswith('dev.promptly'): return 'Promptly'
    if name.startswith(('jakarta.mail', 'org.eclipse.angus', 'jakarta.activation', 'org.jsoup')): return 'Jakarta Mail, Angus, jsoup'
    if name.startswith('com.samskivert'): return 'JMustache'
    if jdk: return 'JDK (the rest)'
    return 'other (lambda forms, Lambda and CRaC API, SLF4J)'

columns = []
for path in sys.argv[1:]:
    counts = collections.Counter()
    handler = '?'
    for line in open(path):
        m = re.search(r'\] (\S+) source: (.*)', line)
        if not m:
            continue
        name, source = m.groups()
        if handler == '?' and name.startswith('dev.promptly.') and name.endswith('Handler'):
            handler = name.rsplit('.', 1)[1]
        counts[origin(name, source)] += 1
    columns.append((handler, counts))
keys = sorted(set().union(*[c for _, c in columns]), key=lambda k: -max(c[k] for _, c in columns))
print('| Classes by origin | ' + ' | '.join(h for h, _ in columns) + ' |')
print('| --- |' + ' ---: |' * len(columns))
for k in keys:
    print('| ' + k + ' | ' + ' | '.join('{:,}'.format(c[k]) for _, c in columns) + ' |')
print('| **total** | ' + ' | '.join('**{:,}**'.format(sum(c.values())) for _, c in columns) + ' |')
