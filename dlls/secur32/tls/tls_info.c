/*
 * The TLS engine over GnuTLS: what a finished handshake negotiated, and the record layout.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_private.h"
#include <schannel.h>

static DWORD protocol_bit(gnutls_protocol_t version, BOOL server)
{
    switch (version)
    {
    case GNUTLS_TLS1_0: return server ? SP_PROT_TLS1_0_SERVER : SP_PROT_TLS1_0_CLIENT;
    case GNUTLS_TLS1_1: return server ? SP_PROT_TLS1_1_SERVER : SP_PROT_TLS1_1_CLIENT;
    case GNUTLS_TLS1_2: return server ? SP_PROT_TLS1_2_SERVER : SP_PROT_TLS1_2_CLIENT;
    case GNUTLS_TLS1_3: return server ? SP_PROT_TLS1_3_SERVER : SP_PROT_TLS1_3_CLIENT;
    case GNUTLS_DTLS1_0: return server ? SP_PROT_DTLS1_0_SERVER : SP_PROT_DTLS1_0_CLIENT;
    case GNUTLS_DTLS1_2: return server ? SP_PROT_DTLS1_2_SERVER : SP_PROT_DTLS1_2_CLIENT;
    default: return 0;
    }
}

/* The IANA number of the negotiated suite: TLS 1.3 suites are named by cipher and PRF alone. */
static USHORT suite_number(gnutls_session_t s, gnutls_protocol_t version)
{
    gnutls_kx_algorithm_t kx = gnutls_kx_get(s), suite_kx;
    gnutls_cipher_algorithm_t cipher = gnutls_cipher_get(s), suite_cipher;
    gnutls_mac_algorithm_t mac = gnutls_mac_get(s), suite_mac;
    gnutls_protocol_t min_version;
    unsigned char id[2];
    size_t i;

    for (i = 0; gnutls_cipher_suite_info(i, id, &suite_kx, &suite_cipher, &suite_mac, &min_version); i++)
    {
        if (suite_cipher != cipher) continue;
        if (version == GNUTLS_TLS1_3 ? min_version == GNUTLS_TLS1_3
                                     : suite_kx == kx && suite_mac == mac && min_version != GNUTLS_TLS1_3)
            return id[0] << 8 | id[1];
    }
    return 0;
}

static BOOL is_aead(gnutls_cipher_algorithm_t cipher)
{
    return gnutls_cipher_get_tag_size(cipher) > 0;
}

/* Bytes between the record header and the data: TLS 1.2's explicit nonce or TLS 1.1+'s CBC IV. */
static SIZE_T explicit_iv_size(gnutls_cipher_algorithm_t cipher, gnutls_protocol_t version)
{
    if (version == GNUTLS_TLS1_3) return 0;
    if (is_aead(cipher)) return cipher == GNUTLS_CIPHER_CHACHA20_POLY1305 ? 0 : 8;
    if (version == GNUTLS_TLS1_0) return 0;     /* DTLS 1.0 is TLS 1.1 with an explicit IV */
    return gnutls_cipher_get_block_size(cipher) > 1 ? gnutls_cipher_get_block_size(cipher) : 0;
}

static ULONG exchange_bits(gnutls_session_t s, gnutls_kx_algorithm_t kx)
{
    gnutls_group_t group = gnutls_group_get(s);

    if (kx == GNUTLS_KX_DHE_RSA || kx == GNUTLS_KX_DHE_DSS) return gnutls_dh_get_prime_bits(s);
    switch (group)
    {
    case GNUTLS_GROUP_SECP256R1: return 256;
    case GNUTLS_GROUP_SECP384R1: return 384;
    case GNUTLS_GROUP_SECP521R1: return 521;
    case GNUTLS_GROUP_X25519: return 255;
    case GNUTLS_GROUP_X448: return 448;
    case GNUTLS_GROUP_FFDHE2048: return 2048;
    case GNUTLS_GROUP_FFDHE3072: return 3072;
    case GNUTLS_GROUP_FFDHE4096: return 4096;
    default: return 0;
    }
}

BOOL tls_get_info(struct tls_session *session, struct tls_info *info)
{
    gnutls_session_t s = tls_session_gnutls(session);
    gnutls_protocol_t version = gnutls_protocol_get_version(s);
    gnutls_cipher_algorithm_t cipher = gnutls_cipher_get(s);
    gnutls_mac_algorithm_t mac = gnutls_mac_get(s);
    gnutls_kx_algorithm_t kx = gnutls_kx_get(s);
    SIZE_T iv = explicit_iv_size(cipher, version), header;

    memset(info, 0, sizeof(*info));
    if (!(info->protocol = protocol_bit(version, tls_session_is_server(session)))) return FALSE;
    info->cipher_suite = suite_number(s, version);
    info->suite_name = gnutls_ciphersuite_get(s);
    info->wire_version = version == GNUTLS_DTLS1_0 ? 0xfeff : version == GNUTLS_DTLS1_2 ? 0xfefd :
                         0x0300 | (version == GNUTLS_TLS1_0 ? 1 : version == GNUTLS_TLS1_1 ? 2 :
                                   version == GNUTLS_TLS1_2 ? 3 : 4);
    info->cipher_name = gnutls_cipher_get_name(cipher);
    info->cipher_bits = gnutls_cipher_get_key_size(cipher) * 8;
    info->mac_name = is_aead(cipher) ? "AEAD" : gnutls_mac_get_name(mac);
    info->mac_bits = is_aead(cipher) ? 0 : gnutls_mac_get_key_size(mac) * 8;
    info->kx_name = version == GNUTLS_TLS1_3 ? "ECDHE" : gnutls_kx_get_name(kx);
    info->kx_bits = exchange_bits(s, kx);
    /* GnuTLS's overhead counts the header and the explicit IV too. */
    header = tls_session_is_datagram(session) ? DTLS_HEADER_SIZE : TLS_HEADER_SIZE;
    info->header_size = header + iv;
    info->trailer_size = gnutls_record_overhead_size(s) - header - iv;
    info->max_message = gnutls_record_get_max_size(s);
    info->block_size = gnutls_cipher_get_block_size(cipher);
    return TRUE;
}

unsigned tls_session_peer_chain(struct tls_session *session, struct tls_blob *chain, unsigned max)
{
    const gnutls_datum_t *certs;
    unsigned count = 0, i;

    if (!(certs = gnutls_certificate_get_peers(tls_session_gnutls(session), &count))) return 0;
    for (i = 0; i < count && i < max; i++)
    {
        chain[i].data = certs[i].data;
        chain[i].size = certs[i].size;
    }
    return i;
}

BOOL tls_session_channel_binding(struct tls_session *session, BOOL unique, struct tls_output *out)
{
    gnutls_datum_t cb;
    BOOL ok;

    if (gnutls_session_channel_binding(tls_session_gnutls(session),
                                       unique ? GNUTLS_CB_TLS_UNIQUE : GNUTLS_CB_TLS_SERVER_END_POINT, &cb) < 0)
        return FALSE;
    ok = tls_output_append(out, cb.data, cb.size);
    gnutls_free(cb.data);
    return ok;
}

BOOL tls_session_export_keying(struct tls_session *session, const char *label, SIZE_T label_size,
                               const BYTE *context, SIZE_T context_size, BYTE *out, SIZE_T size)
{
    return gnutls_prf_rfc5705(tls_session_gnutls(session), label_size, label, context ? context_size : 0,
                              (const char *)context, size, (char *)out) >= 0;
}
