#!/usr/bin/python3
"""Parses an .eml file with Python's email package (an independent RFC 5322/MIME parser) and
prints a JSON summary for the C++ tests: decoded headers, the MIME tree and parse defects."""
import base64
import email
import email.policy
import json
import sys


def part_summary(part):
    out = {"content_type": part.get_content_type(), "filename": part.get_filename(),
           "transfer_encoding": str(part.get("Content-Transfer-Encoding", "")).lower()}
    if part.is_multipart():
        out["parts"] = [part_summary(p) for p in part.iter_parts()]
    else:
        payload = part.get_payload(decode=True) or b""
        out["base64"] = base64.b64encode(payload).decode()
        if part.get_content_maintype() == "text":
            out["text"] = part.get_content()
    return out


def main():
    with open(sys.argv[1], "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    headers = {k.lower(): str(v) for k, v in msg.items()}
    raw_ascii = all(b < 128 for b in open(sys.argv[1], "rb").read().split(b"\r\n\r\n", 1)[0])
    summary = {
        "headers": headers,
        "header_names": [k.lower() for k in msg.keys()],
        "headers_ascii": raw_ascii,
        "defects": [type(d).__name__ for d in msg.defects],
        "body": part_summary(msg),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
