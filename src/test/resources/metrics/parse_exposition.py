"""Parses a Prometheus text exposition (standard input) with prometheus_client's own parser
and writes what it read as JSON (standard output): each family's name, type and help, and each
sample's name, labels and value. A line the parser refuses fails the script (exit status 1).

Used by dev.cheeseshop.testing.Exposition: the server's /metrics must be what a real
Prometheus client library reads, not what our own code thinks it wrote.
"""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families


def main():
    text = sys.stdin.read()
    families = []
    for family in text_string_to_metric_families(text):
        families.append({
            "name": family.name,
            "type": family.type,
            "help": family.documentation,
            "samples": [{"name": s.name, "labels": dict(s.labels), "value": s.value} for s in family.samples],
        })
    json.dump({"families": families}, sys.stdout)


if __name__ == "__main__":
    main()
