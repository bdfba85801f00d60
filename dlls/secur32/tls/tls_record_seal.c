/*
 * Application-data records sealed in place, from the session's write state.
 *
 * GnuTLS seals a record into a buffer of its own and hands it to the push callback, so a record it
 * writes is copied once more into the caller's buffers; and it refuses to send a record without data,
 * which Windows' EncryptMessage writes for an empty DATA buffer.  For the AEAD ciphers of TLS 1.2
 * (RFC 5288, RFC 6655, RFC 7905) and TLS 1.3 (RFC 8446 5.2) a record is sealed here instead, where
 * its plaintext lies, after which the write sequence number moves on as if GnuTLS had sent it.
 * Whatever this cannot do (other ciphers, DTLS, a record over the peer's limit, the last sequence
 * number) it leaves to GnuTLS.  Sessions never start a KeyUpdate of their own (GNUTLS_NO_AUTO_REKEY),
 * so GnuTLS owes none that a record sealed here would pass by; from a KeyUpdate of the peer's until
 * GnuTLS has answered it, and after an alert or error, the engine leaves records to GnuTLS.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_private.h"

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

/* The last sequence number is GnuTLS's: it ends the connection there. */
static BOOL last_sequence(const BYTE seq[8])
{
    unsigned i;

    for (i = 0; i < 8 && seq[i] == 0xff; i++);
    return i == 8;
}

/* The cipher for KEY, kept while the key stays (until a KeyUpdate or a new handshake). */
static gnutls_aead_cipher_hd_t sealer_cipher(struct tls_sealer *sealer, gnutls_cipher_algorithm_t cipher,
                                             gnutls_datum_t *key)
{
    if (sealer->aead && sealer->cipher == cipher && sealer->key_size == key->size &&
        !memcmp(sealer->key, key->data, key->size))
        return sealer->aead;
    tls_sealer_free(sealer);
    if (key->size > sizeof(sealer->key) || gnutls_aead_cipher_init(&sealer->aead, cipher, key) < 0)
    {
        sealer->aead = NULL;
        return NULL;
    }
    sealer->cipher = cipher;
    sealer->key_size = key->size;
    memcpy(sealer->key, key->data, key->size);
    return sealer->aead;
}

void tls_sealer_free(struct tls_sealer *sealer)
{
    if (sealer->aead) gnutls_aead_cipher_deinit(sealer->aead);
    gnutls_memset(sealer, 0, sizeof(*sealer));
}

SSIZE_T tls_seal_record(struct tls_sealer *sealer, gnutls_session_t s, BYTE *record, SIZE_T room, BYTE *plain,
                        SIZE_T size)
{
    gnutls_protocol_t version = gnutls_protocol_get_version(s);
    BOOL tls13 = version == GNUTLS_TLS1_3;
    gnutls_cipher_algorithm_t cipher = gnutls_cipher_get(s);
    SIZE_T tag = gnutls_cipher_get_tag_size(cipher), explicit, header, sealed;
    gnutls_range_st whole = { size, size }, next, rest;
    gnutls_aead_cipher_hd_t aead;
    gnutls_datum_t iv, key;
    BYTE seq[8], nonce[12], aad[13];
    size_t out_size;
    int ret;

    if ((version != GNUTLS_TLS1_2 && !tls13) || gnutls_mac_get(s) != GNUTLS_MAC_AEAD || !tag) return 0;
    if (gnutls_record_get_state(s, 0, NULL, &iv, &key, seq) < 0 || (iv.size != 12 && iv.size != 4)) return 0;
    if (last_sequence(seq)) return 0;
    /* The peer's record size limit (RFC 8449, RFC 6066) is GnuTLS's to know. */
    if (size && (gnutls_range_split(s, &whole, &next, &rest) || next.high != size)) return 0;
    explicit = make_nonce(&iv, seq, nonce);
    header = TLS_HEADER_SIZE + explicit;
    sealed = size + (tls13 ? 1 : 0) + tag;
    if (room < header + sealed || (size && plain != record + header)) return 0;
    if (!(aead = sealer_cipher(sealer, cipher, &key))) return 0;

    record[0] = RECORD_APPLICATION_DATA;
    record[1] = record[2] = 3;
    put_u16(record + 3, explicit + sealed);
    memcpy(record + TLS_HEADER_SIZE, nonce + iv.size, explicit);
    /* TLS 1.3 authenticates the record header, its plaintext the data and the content type; TLS 1.2
     * the sequence number, type, version and the plaintext's length (RFC 5246 6.2.3.3). */
    plain = record + header;
    if (tls13)
    {
        memcpy(aad, record, TLS_HEADER_SIZE);
        plain[size] = RECORD_APPLICATION_DATA;
    }
    else
    {
        memcpy(aad, seq, 8);
        memcpy(aad + 8, record, 3);
        put_u16(aad + 11, size);
    }
    out_size = sealed;
    ret = gnutls_aead_cipher_encrypt(aead, nonce, iv.size == 12 ? 12 : iv.size + explicit, aad,
                                     tls13 ? TLS_HEADER_SIZE : sizeof(aad), tag, plain, sealed - tag, plain,
                                     &out_size);
    if (ret < 0) return ret;
    next_sequence(seq);
    if ((ret = gnutls_record_set_state(s, 0, seq)) < 0) return ret;
    return header + sealed;
}
