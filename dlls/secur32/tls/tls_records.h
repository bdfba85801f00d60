/*
 * TLS and DTLS record framing (RFC 8446 5.1, RFC 5246 6.2, RFC 6347 4.1) and the record-type rules
 * the engine adds to GnuTLS's: pure C over bytes, with no Windows or GnuTLS dependency beyond basic
 * types, so that tests/native_records_fuzz.c also builds them for the host, under libFuzzer with
 * AddressSanitizer and UndefinedBehaviorSanitizer.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef TLS_RECORDS_H
#define TLS_RECORDS_H

#ifdef _WIN32
#include <windef.h>
#else
#include <stddef.h>
typedef unsigned char BYTE;
typedef size_t SIZE_T;
typedef int BOOL;
#endif

#define TLS_HEADER_SIZE 5
#define DTLS_HEADER_SIZE 13

#define RECORD_CHANGE_CIPHER_SPEC 20
#define RECORD_ALERT 21
#define RECORD_HANDSHAKE 22
#define RECORD_APPLICATION_DATA 23

/* How many leading bytes of DATA form whole records (DTLS records when DATAGRAM).  When that is
 * none, *missing says how many more bytes the first record needs (the rest of its header, if even
 * that is incomplete). */
SIZE_T tls_record_span(const BYTE *data, SIZE_T size, SIZE_T *missing, BOOL datagram);
/* The size of the first whole record at DATA, or 0 with what it misses (DecryptMessage's one record). */
SIZE_T tls_record_first(const BYTE *data, SIZE_T size, SIZE_T *missing, BOOL datagram);
/* The size of the first record at DATA, whose header must be whole. */
SIZE_T tls_record_size(const BYTE *data, BOOL datagram);
/* Whether the whole TLS records of DATA have types and contents RFC 8446 section 5 and RFC 5246
 * section 6 allow, in the first handshake (HANDSHAKE) or after it, under TLS 1.3 (TLS13) or older. */
BOOL tls_record_types_allowed(const BYTE *data, SIZE_T size, BOOL handshake, BOOL tls13);

#endif /* TLS_RECORDS_H */
