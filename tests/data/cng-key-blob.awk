# Turns `openssl asn1parse` of an RSA private key (version n e d p q dp dq qinv) into a C array holding
# the same key as a BCRYPT_RSAFULLPRIVATE_BLOB (little-endian header; e n p q dp dq qinv d big-endian),
# for tests that put the key into CNG.  2048-bit keys.
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
function pad(hex, bytes) { while (length(hex) < 2 * bytes) hex = "0" hex; return hex }
function le32(x) { return sprintf("%02x%02x%02x%02x", x % 256, int(x / 256) % 256, int(x / 65536) % 256, int(x / 16777216) % 256) }
/INTEGER/ { sub(/.*:/, ""); v[count++] = $0 }
END {
    e = v[2]; if (length(e) % 2) e = "0" e
    blob = le32(859919186) le32(2048) le32(length(e) / 2) le32(256) le32(128) le32(128) e pad(v[1], 256) \
           pad(v[4], 128) pad(v[5], 128) pad(v[6], 128) pad(v[7], 128) pad(v[8], 128) pad(v[3], 256)
    printf "static const unsigned char %s[] = {", name
    for (i = 1; i <= length(blob); i += 2) printf "%s0x%s,", (i % 32 == 1 ? "\n" : ""), substr(blob, i, 2)
    print "\n};"
}
