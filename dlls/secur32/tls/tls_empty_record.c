/*
 * An application-data record with no data, as Windows' EncryptMessage writes for an empty DATA
 * buffer.  GnuTLS refuses to send one (gnutls_record_send with no data and no padding), so the
 * record is sealed here from the session's write state: the AEAD ciphers of TLS 1.2 (RFC 5288,
 * RFC 6655, RFC 7905) and TLS 1.3 (RFC 8446 5.2, where it is an inner plaintext of the content type
 * alone), after which the write sequence number moves on as if GnuTLS had sent it.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_private.h"

DEFAULT_DEBUG_CHANNEL(tls);

#define EXPLICIT_NONCE_SIZE 8

static void put_u16(BYTE *p, SIZE_T value)
{
    p[0] = value >> 8;
    p[1] = value;
}

/* The per-record nonce: the implicit salt and the sequence number as the explicit part (GCM, CCM
 * under TLS 1.2, written into the record as GnuTLS does), or the 12-byte IV XORed with it. */
static SIZE_T make_nonce(const gnutls_datum_t *iv, const BYTE seq[8], BYTE nonce[12])
{
    unsigned i;

    if (iv->size == 12)
    {
        memcpy(nonce, iv->data, 12);
        for (i = 0; i < 8; i++) nonce[4 + i] ^= seq[i];
        return 0;
    }
    memcpy(nonce, iv->data, iv->size);
    memcpy(nonce + iv->size, seq, EXPLICIT_NONCE_SIZE);
    return EXPLICIT_NONCE_SIZE;
}

static void next_sequence(BYTE seq[8])
{
    int i = 8;
    while (i-- && !++seq[i]);
}

SSIZE_T tls_empty_record(gnutls_session_t s, BYTE *record, SIZE_T room)
{
    gnutls_protocol_t version = gnutls_protocol_get_version(s);
    BOOL tls13 = version == GNUTLS_TLS1_3;
    gnutls_cipher_algorithm_t cipher = gnutls_cipher_get(s);
    SIZE_T tag = gnutls_cipher_get_tag_size(cipher), explicit, sealed, length;
    gnutls_datum_t iv, key;
    gnutls_aead_cipher_hd_t aead;
    BYTE seq[8], nonce[12], aad[13], inner = RECORD_APPLICATION_DATA;
    size_t out_size;
    int ret;

    if ((version != GNUTLS_TLS1_2 && !tls13) || gnutls_mac_get(s) != GNUTLS_MAC_AEAD || !tag)
    {
        FIXME("empty record with %s over %s\n", gnutls_cipher_get_name(cipher), gnutls_protocol_get_name(version));
        return GNUTLS_E_INVALID_REQUEST;
    }
    if ((ret = gnutls_record_get_state(s, 0, NULL, &iv, &key, seq)) < 0) return ret;
    if (iv.size != 12 && iv.size != 4) return GNUTLS_E_INTERNAL_ERROR;
    explicit = make_nonce(&iv, seq, nonce);
    sealed = (tls13 ? 1 : 0) + tag;
    length = explicit + sealed;
    if (room < TLS_HEADER_SIZE + length) return GNUTLS_E_SHORT_MEMORY_BUFFER;

    record[0] = RECORD_APPLICATION_DATA;
    record[1] = record[2] = 3;
    put_u16(record + 3, length);
    memcpy(record + TLS_HEADER_SIZE, nonce + iv.size, explicit);
    /* TLS 1.3 authenticates the record header; TLS 1.2 the sequence number, type, version and the
     * plaintext's length (RFC 5246 6.2.3.3). */
    if (tls13) memcpy(aad, record, TLS_HEADER_SIZE);
    else
    {
        memcpy(aad, seq, 8);
        memcpy(aad + 8, record, 3);
        put_u16(aad + 11, 0);
    }

    if ((ret = gnutls_aead_cipher_init(&aead, cipher, &key)) < 0) return ret;
    out_size = sealed;
    ret = gnutls_aead_cipher_encrypt(aead, nonce, iv.size == 12 ? 12 : iv.size + explicit,
                                     aad, tls13 ? TLS_HEADER_SIZE : sizeof(aad), tag, &inner, tls13 ? 1 : 0,
                                     record + TLS_HEADER_SIZE + explicit, &out_size);
    gnutls_aead_cipher_deinit(aead);
    if (ret < 0) return ret;
    next_sequence(seq);
    if ((ret = gnutls_record_set_state(s, 0, seq)) < 0) return ret;
    return TLS_HEADER_SIZE + length;
}
