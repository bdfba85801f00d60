/*
 * libFuzzer target over the TLS engine's record parsers (dlls/secur32/tls/tls_records.c), built for
 * the host with AddressSanitizer and UndefinedBehaviorSanitizer (tests/native-fuzz.sh): the first
 * input byte picks DTLS framing, handshake or after-handshake rules and TLS 1.3, the rest is the
 * records.  Any out-of-bounds read is a sanitizer report; the checks below are the contracts the
 * callers rely on.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tls_records.h"

static void check(int condition, const char *what)
{
    if (condition) return;
    fprintf(stderr, "contract broken: %s\n", what);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *input, size_t size)
{
    BOOL datagram, handshake, tls13;
    SIZE_T span, first, missing, missing_first, pos;
    const BYTE *data = input + 1;

    if (!size) return 0;
    datagram = input[0] & 1;
    handshake = (input[0] >> 1) & 1;
    tls13 = (input[0] >> 2) & 1;
    size--;

    span = tls_record_span(data, size, &missing, datagram);
    first = tls_record_first(data, size, &missing_first, datagram);
    check(span <= size, "span within the input");
    check(!span == !first && first <= span, "span starts with the first record");
    check(span ? !missing : missing > 0, "missing only when no whole record");
    check(missing == missing_first, "span and first agree on what is missing");
    check(!first || first == tls_record_size(data, datagram), "first record's size");
    /* The span is whole records, one after the other. */
    for (pos = 0; pos < span; pos += tls_record_size(data + pos, datagram))
        check(span - pos >= (datagram ? DTLS_HEADER_SIZE : TLS_HEADER_SIZE), "a whole header in the span");
    check(pos == span, "records end at the span");
    /* The type rules read whole TLS records only, as the engine passes them. */
    if (!datagram && span) tls_record_types_allowed(data, span, handshake, tls13);
    return 0;
}
