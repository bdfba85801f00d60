/*
 * TLS and DTLS record framing and record-type rules, over bytes alone (see tls_records.h).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_records.h"

/* TLS: type, version, length (5 bytes); DTLS: type, version, epoch, sequence, length (13 bytes). */
static SIZE_T header_size(BOOL datagram)
{
    return datagram ? DTLS_HEADER_SIZE : TLS_HEADER_SIZE;
}

SIZE_T tls_record_size(const BYTE *data, BOOL datagram)
{
    SIZE_T header = header_size(datagram);
    return header + ((SIZE_T)data[header - 2] << 8 | data[header - 1]);
}

SIZE_T tls_record_first(const BYTE *data, SIZE_T size, SIZE_T *missing, BOOL datagram)
{
    SIZE_T record, header = header_size(datagram);

    *missing = 0;
    if (size < header)
    {
        *missing = header - size;
        return 0;
    }
    record = tls_record_size(data, datagram);
    if (size < record)
    {
        *missing = record - size;
        return 0;
    }
    return record;
}

SIZE_T tls_record_span(const BYTE *data, SIZE_T size, SIZE_T *missing, BOOL datagram)
{
    SIZE_T pos = 0, record, ignored;

    if (!(pos = tls_record_first(data, size, missing, datagram))) return 0;
    while ((record = tls_record_first(data + pos, size - pos, &ignored, datagram))) pos += record;
    return pos;
}

/* Types and contents GnuTLS lets through although the RFCs forbid them.  In the first handshake a
 * change_cipher_spec is the single byte 1 (TLS 1.3's compatibility record too).  After it
 * (DecryptMessage), a TLS 1.3 record's outer type is always application_data (GnuTLS would go by
 * the authenticated inner type), and older versions carry alerts, handshake messages and data only:
 * a change_cipher_spec belongs to a renegotiation, which ISC/ASC steps run, and heartbeats are
 * never negotiated. */
BOOL tls_record_types_allowed(const BYTE *data, SIZE_T size, BOOL handshake, BOOL tls13)
{
    SIZE_T pos, record;

    for (pos = 0; pos < size; pos += record)
    {
        const BYTE *header = data + pos;

        record = tls_record_size(header, 0);
        switch (header[0])
        {
        case RECORD_CHANGE_CIPHER_SPEC:
            if (!handshake || record != TLS_HEADER_SIZE + 1 || header[TLS_HEADER_SIZE] != 1) return 0;
            break;
        case RECORD_ALERT:
        case RECORD_HANDSHAKE:
            if (!handshake && tls13) return 0;
            break;
        case RECORD_APPLICATION_DATA:
            break;
        default:
            /* In the handshake GnuTLS refuses these itself. */
            if (!handshake) return 0;
            break;
        }
    }
    return 1;
}
