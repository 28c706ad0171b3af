"""Writes schemaorg-vocabulary.json (beside this file): schema.org's types, what each inherits from, and the
properties each declares, as tests/site/test_valid_output.py checks the site's JSON-LD against them offline.

The source is the npm package schema-dts (Google's TypeScript declarations generated from schema.org's own
vocabulary file), which this script reads from a folder where it was installed:

    npm install --prefix /tmp/sdo --ignore-scripts schema-dts@2.1.0
    .venv/bin/python tests/site/schemas/build_schemaorg_vocabulary.py /tmp/sdo/node_modules/schema-dts

In schema-dts every type ``T`` is ``interface TLeaf extends TBase { "@type": "T" }`` (or extends its parent's
``Base`` when it declares no property of its own), and ``interface TBase extends ParentBase, ... { "prop"?: ... }``
declares its own properties. Types of other vocabularies (their ``@type`` is a URL) are left out.
"""

import json
import re
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent / "schemaorg-vocabulary.json"
BASE = re.compile(r"^interface (\w+) extends ([^{]+)\{\n(.*?)^\}", re.MULTILINE | re.DOTALL)
LEAF = re.compile(r'^export interface (\w+)Leaf extends ([^{]+)\{\n\s+"@type": "([A-Za-z0-9]+)";', re.MULTILINE)
PROPERTY = re.compile(r'^    "([A-Za-z0-9_-]+)"\?:', re.MULTILINE)


def parents(declaration):
    return [name.strip() for name in declaration.split(",") if name.strip().endswith("Base")]


def main(package):
    source = (Path(package) / "dist" / "schema.d.ts").read_text("utf-8")
    version = json.loads((Path(package) / "package.json").read_text("utf-8"))["version"]
    bases = {}
    for name, extends, body in BASE.findall(source):
        bases[name] = {"extends": parents(extends), "properties": sorted(set(PROPERTY.findall(body)))}
    types = {}
    for _name, extends, type_name in LEAF.findall(source):
        types[type_name] = parents(extends)
    used = set()
    for names in types.values():
        stack = list(names)
        while stack:
            base = stack.pop()
            if base not in used and base in bases:
                used.add(base)
                stack.extend(bases[base]["extends"])
    data = {
        "source": f"schema-dts {version} (npm), generated from schema.org's vocabulary",
        "types": dict(sorted(types.items())),
        "bases": {name: bases[name] for name in sorted(used)},
    }
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n", "utf-8")
    print(f"{len(types)} types, {len(used)} property groups -> {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1])
