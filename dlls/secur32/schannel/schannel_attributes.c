/*
 * QueryContextAttributes and SetContextAttributes for Schannel contexts.  Variable-size results
 * are allocated for the caller (FreeContextBuffer, or CertFreeCertificateContext for certificate
 * contexts), as Windows documents for each attribute.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_private.h"
#include "cert/cert_bridge.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

static ALG_ID cipher_alg(const struct tls_info *info)
{
    if (!strncmp(info->cipher_name, "AES-128", 7)) return CALG_AES_128;
    if (!strncmp(info->cipher_name, "AES-256", 7)) return CALG_AES_256;
    if (!strncmp(info->cipher_name, "3DES", 4)) return CALG_3DES;
    return 0;
}

static ALG_ID hash_alg(const struct tls_info *info)
{
    if (!strcmp(info->mac_name, "SHA1")) return CALG_SHA1;
    if (!strcmp(info->mac_name, "SHA256")) return CALG_SHA_256;
    if (!strcmp(info->mac_name, "SHA384")) return CALG_SHA_384;
    return 0;
}

static ALG_ID exchange_alg(const struct tls_info *info)
{
    if (!strncmp(info->kx_name, "ECDHE", 5)) return CALG_ECDH_EPHEM;
    if (!strncmp(info->kx_name, "DHE", 3)) return CALG_DH_EPHEM;
    if (!strcmp(info->kx_name, "RSA")) return CALG_RSA_KEYX;
    return 0;
}

static SECURITY_STATUS stream_sizes(const struct tls_info *info, SecPkgContext_StreamSizes *sizes)
{
    sizes->cbHeader = info->header_size;
    sizes->cbTrailer = info->trailer_size;
    sizes->cbMaximumMessage = info->max_message;
    sizes->cBuffers = 4;
    sizes->cbBlockSize = info->block_size;
    return SEC_E_OK;
}

static SECURITY_STATUS connection_info(const struct tls_info *info, SecPkgContext_ConnectionInfo *conn)
{
    conn->dwProtocol = info->protocol;
    conn->aiCipher = cipher_alg(info);
    conn->dwCipherStrength = info->cipher_bits;
    conn->aiHash = hash_alg(info);
    conn->dwHashStrength = info->mac_bits;
    conn->aiExch = exchange_alg(info);
    conn->dwExchStrength = info->kx_bits;
    return SEC_E_OK;
}

static void copy_name(WCHAR *dst, SIZE_T size, const char *src)
{
    MultiByteToWideChar(CP_UTF8, 0, src ? src : "", -1, dst, size);
    dst[size - 1] = 0;
}

/* The cipher's family and the hash of the suite, in Windows' spelling ("AES", "SHA384"). */
static SECURITY_STATUS cipher_info(const struct tls_info *info, SecPkgContext_CipherInfo *cipher)
{
    const char *suite = info->suite_name ? info->suite_name : "";
    const char *hash = strstr(suite, "SHA384") ? "SHA384" : strstr(suite, "SHA256") ? "SHA256" :
                       strstr(suite, "SHA") ? "SHA1" : "";

    memset(cipher, 0, sizeof(*cipher));
    cipher->dwVersion = SECPKGCONTEXT_CIPHERINFO_V1;
    cipher->dwProtocol = info->wire_version;
    cipher->dwCipherSuite = info->cipher_suite;
    cipher->dwBaseCipherSuite = info->cipher_suite;
    copy_name(cipher->szCipherSuite, ARRAYSIZE(cipher->szCipherSuite), suite);
    copy_name(cipher->szCipher, ARRAYSIZE(cipher->szCipher), strstr(suite, "AES") ? "AES" :
              strstr(suite, "CHACHA20") ? "CHACHA20" : info->cipher_name);
    cipher->dwCipherLen = info->cipher_bits;
    cipher->dwCipherBlockLen = info->block_size;
    copy_name(cipher->szHash, ARRAYSIZE(cipher->szHash), hash);
    cipher->dwHashLen = !strcmp(hash, "SHA384") ? 384 : !strcmp(hash, "SHA256") ? 256 : *hash ? 160 : 0;
    copy_name(cipher->szExchange, ARRAYSIZE(cipher->szExchange), exchange_alg(info) == CALG_ECDH_EPHEM ? "ECDH" :
              exchange_alg(info) == CALG_DH_EPHEM ? "DH" : "RSA");
    cipher->dwMinExchangeLen = cipher->dwMaxExchangeLen = info->kx_bits;
    return SEC_E_OK;
}

/* tls-unique or tls-server-end-point, as the SEC_CHANNEL_BINDINGS application data of RFC 5929. */
static SECURITY_STATUS bindings(struct schan_context *ctx, BOOL unique, SecPkgContext_Bindings *out)
{
    const char *prefix = unique ? "tls-unique:" : "tls-server-end-point:";
    struct tls_output data = { 0 };
    SEC_CHANNEL_BINDINGS *cb;
    SIZE_T size;

    if (!tls_session_channel_binding(ctx->tls, unique, &data)) return SEC_E_UNSUPPORTED_FUNCTION;
    size = sizeof(*cb) + strlen(prefix) + data.size;
    if (!(cb = sspi_alloc(size)))
    {
        tls_output_free(&data);
        return SEC_E_INSUFFICIENT_MEMORY;
    }
    cb->cbApplicationDataLength = strlen(prefix) + data.size;
    cb->dwApplicationDataOffset = sizeof(*cb);
    memcpy(cb + 1, prefix, strlen(prefix));
    memcpy((BYTE *)(cb + 1) + strlen(prefix), data.data, data.size);
    tls_output_free(&data);
    out->BindingsLength = size;
    out->Bindings = cb;
    return SEC_E_OK;
}

static SECURITY_STATUS remote_certificate(struct schan_context *ctx, PCCERT_CONTEXT *out)
{
    struct tls_blob chain[16];
    unsigned count = tls_session_peer_chain(ctx->tls, chain, ARRAYSIZE(chain));

    if (!count) return SEC_E_NO_CREDENTIALS;
    return (*out = cert_context_from_chain(chain, count)) ? SEC_E_OK : SEC_E_INSUFFICIENT_MEMORY;
}

/* The certificate that authenticated the server: the peer's for a client, ours for a server. */
PCCERT_CONTEXT schan_server_certificate(struct schan_context *ctx)
{
    struct tls_blob leaf;

    if (ctx->server) return ctx->creds->cert ? CertDuplicateCertificateContext(ctx->creds->cert) : NULL;
    return tls_session_peer_chain(ctx->tls, &leaf, 1) ? cert_context_from_chain(&leaf, 1) : NULL;
}

static void local_time(const FILETIME *utc, TimeStamp *out)
{
    FILETIME local;

    FileTimeToLocalFileTime(utc, &local);
    out->LowPart = local.dwLowDateTime;
    out->HighPart = local.dwHighDateTime;
}

/* The server certificate's validity period, in local time. */
static SECURITY_STATUS lifespan(struct schan_context *ctx, SecPkgContext_Lifespan *out)
{
    PCCERT_CONTEXT cert = schan_server_certificate(ctx);

    if (!cert) return SEC_E_NO_CREDENTIALS;
    local_time(&cert->pCertInfo->NotBefore, &out->tsStart);
    local_time(&cert->pCertInfo->NotAfter, &out->tsExpiry);
    CertFreeCertificateContext(cert);
    return SEC_E_OK;
}

static SECURITY_STATUS sizes(const struct tls_info *info, SecPkgContext_Sizes *out)
{
    out->cbMaxToken = schannel_packages[0].max_token;
    out->cbMaxSignature = 0;
    out->cbBlockSize = info->block_size;
    out->cbSecurityTrailer = info->trailer_size;
    return SEC_E_OK;
}

static SECURITY_STATUS package_info(SecPkgContext_PackageInfoW *out, BOOL unicode)
{
    return (out->PackageInfo = sspi_package_info(&schannel_packages[0], unicode)) ? SEC_E_OK : SEC_E_INSUFFICIENT_MEMORY;
}

static char *alloc_name(const char *name, BOOL unicode)
{
    int size = strlen(name) + 1;
    char *out = sspi_alloc(unicode ? size * sizeof(WCHAR) : size);

    if (!out) return NULL;
    if (unicode) MultiByteToWideChar(CP_ACP, 0, name, -1, (WCHAR *)out, size);
    else memcpy(out, name, size);
    return out;
}

/* SecPkgContext_KeyInfoA and W share their layout; only the strings' charset differs. */
static SECURITY_STATUS key_info(struct schan_context *ctx, SecPkgContext_KeyInfoA *out, BOOL unicode)
{
    PCCERT_CONTEXT cert = schan_server_certificate(ctx);
    BOOL ecdsa = cert && !strcmp(cert->pCertInfo->SubjectPublicKeyInfo.Algorithm.pszObjId, szOID_ECC_PUBLIC_KEY);
    const char *cipher = strstr(ctx->info.cipher_name, "AES") ? "AES" : ctx->info.cipher_name;

    if (cert) CertFreeCertificateContext(cert);
    out->sSignatureAlgorithmName = alloc_name(ecdsa ? "ECDSA" : "RSA", unicode);
    out->sEncryptAlgorithmName = alloc_name(cipher, unicode);
    if (!out->sSignatureAlgorithmName || !out->sEncryptAlgorithmName)
    {
        sspi_free(out->sSignatureAlgorithmName);
        sspi_free(out->sEncryptAlgorithmName);
        return SEC_E_INSUFFICIENT_MEMORY;
    }
    out->KeySize = ctx->info.cipher_bits;
    out->SignatureAlgorithm = ecdsa ? CALG_ECDSA : CALG_RSA_SIGN;
    out->EncryptAlgorithm = cipher_alg(&ctx->info);
    return SEC_E_OK;
}

static SECURITY_STATUS supported_signatures(struct schan_context *ctx, SecPkgContext_SupportedSignatures *out)
{
    WORD schemes[32];
    unsigned count = tls_session_signature_schemes(ctx->tls, schemes, ARRAYSIZE(schemes));

    if (!(out->pSignatureAndHashAlgorithms = sspi_alloc(count * sizeof(WORD) + 1))) return SEC_E_INSUFFICIENT_MEMORY;
    memcpy(out->pSignatureAndHashAlgorithms, schemes, count * sizeof(WORD));
    out->cSignatureAndHashAlgorithms = count;
    return SEC_E_OK;
}

static SECURITY_STATUS local_certificate(struct schan_context *ctx, PCCERT_CONTEXT *out)
{
    PCCERT_CONTEXT cert = schan_client_certificate(ctx);

    if (!cert) return SEC_E_NO_CREDENTIALS;
    *out = CertDuplicateCertificateContext(cert);
    return SEC_E_OK;
}

static SECURITY_STATUS keying_material(struct schan_context *ctx, SecPkgContext_KeyingMaterial *out)
{
    BYTE *material;

    if (!ctx->export_label) return SEC_E_INVALID_PARAMETER;
    if (!(material = sspi_alloc(ctx->export_size))) return SEC_E_INSUFFICIENT_MEMORY;
    if (!tls_session_export_keying(ctx->tls, ctx->export_label, strlen(ctx->export_label), ctx->export_context,
                                   ctx->export_context_size, material, ctx->export_size))
    {
        sspi_free(material);
        return SEC_E_INTERNAL_ERROR;
    }
    out->cbKeyingMaterial = ctx->export_size;
    out->pbKeyingMaterial = material;
    return SEC_E_OK;
}

SECURITY_STATUS schan_query_context_attributes(void *object, ULONG attr, void *buffer, BOOL unicode)
{
    struct schan_context *ctx = object;

    TRACE("%p: attribute %#lx\n", ctx, attr);
    if (attr == SECPKG_ATTR_NEGOTIATION_INFO) return SEC_E_UNSUPPORTED_FUNCTION;   /* as Windows */
    if (!buffer) return SEC_E_INVALID_PARAMETER;
    /* The peer's chain as soon as it has arrived, for callers that check it during the handshake. */
    if (attr == SECPKG_ATTR_REMOTE_CERT_CHAIN) return remote_certificate(ctx, buffer);
    /* What the server asked for, while the caller chooses the client's certificate. */
    if (attr == SECPKG_ATTR_ISSUER_LIST_EX) return schan_issuer_list(ctx, buffer);
    if (!ctx->info.protocol)
    {
        WARN("handshake not finished\n");
        return SEC_E_INVALID_HANDLE;
    }

    switch (attr)
    {
    case SECPKG_ATTR_STREAM_SIZES: return stream_sizes(&ctx->info, buffer);
    case SECPKG_ATTR_SIZES: return sizes(&ctx->info, buffer);
    case SECPKG_ATTR_LIFESPAN: return lifespan(ctx, buffer);
    case SECPKG_ATTR_PACKAGE_INFO: return package_info(buffer, unicode);
    case SECPKG_ATTR_KEY_INFO: return key_info(ctx, buffer, unicode);
    case SECPKG_ATTR_SUPPORTED_SIGNATURES: return supported_signatures(ctx, buffer);
    case SECPKG_ATTR_DTLS_MTU:
        if (!ctx->datagram) return SEC_E_UNSUPPORTED_FUNCTION;
        *(DWORD *)buffer = ctx->mtu;
        return SEC_E_OK;
    case SECPKG_ATTR_CONNECTION_INFO: return connection_info(&ctx->info, buffer);
    case SECPKG_ATTR_CIPHER_INFO: return cipher_info(&ctx->info, buffer);
    case SECPKG_ATTR_ENDPOINT_BINDINGS: return bindings(ctx, FALSE, buffer);
    case SECPKG_ATTR_UNIQUE_BINDINGS: return bindings(ctx, TRUE, buffer);
    case SECPKG_ATTR_REMOTE_CERT_CONTEXT: return remote_certificate(ctx, buffer);
    case SECPKG_ATTR_LOCAL_CERT_CONTEXT: return local_certificate(ctx, buffer);
    case SECPKG_ATTR_KEYING_MATERIAL: return keying_material(ctx, buffer);
    case SECPKG_ATTR_SESSION_INFO: return schan_session_info(ctx, buffer);
    case SECPKG_ATTR_SESSION_KEY: return schan_session_key(ctx, buffer);
    case SECPKG_ATTR_APPLICATION_PROTOCOL:
    {
        SecPkgContext_ApplicationProtocol *proto = buffer;
        struct tls_blob selected = tls_session_alpn(ctx->tls);

        memset(proto, 0, sizeof(*proto));
        if (selected.size && selected.size <= sizeof(proto->ProtocolId))
        {
            proto->ProtoNegoStatus = SecApplicationProtocolNegotiationStatus_Success;
            proto->ProtoNegoExt = SecApplicationProtocolNegotiationExt_ALPN;
            proto->ProtocolIdSize = selected.size;
            memcpy(proto->ProtocolId, selected.data, selected.size);
        }
        return SEC_E_OK;
    }
    default:
        FIXME("attribute %#lx not supported yet\n", attr);
        return SEC_E_UNSUPPORTED_FUNCTION;
    }
}

/* SECPKG_ATTR_KEYING_MATERIAL_INFO: what a later SECPKG_ATTR_KEYING_MATERIAL query exports. */
static SECURITY_STATUS set_keying_info(struct schan_context *ctx, const SecPkgContext_KeyingMaterialInfo *info,
                                       ULONG size)
{
    char *label;
    BYTE *context = NULL;
    SIZE_T label_size;

    if (size < sizeof(*info) || !info->pszLabel || !info->cbLabel || !info->cbKeyingMaterial)
        return SEC_E_INVALID_PARAMETER;
    if (info->cbContextValue && !info->pbContextValue) return SEC_E_INVALID_PARAMETER;
    label_size = strnlen(info->pszLabel, info->cbLabel);
    if (!(label = sspi_alloc(label_size + 1))) return SEC_E_INSUFFICIENT_MEMORY;
    memcpy(label, info->pszLabel, label_size);
    if (info->cbContextValue && !(context = sspi_alloc(info->cbContextValue)))
    {
        sspi_free(label);
        return SEC_E_INSUFFICIENT_MEMORY;
    }
    if (context) memcpy(context, info->pbContextValue, info->cbContextValue);
    sspi_free(ctx->export_label);
    sspi_free(ctx->export_context);
    ctx->export_label = label;
    ctx->export_context = context;
    ctx->export_context_size = info->cbContextValue;
    ctx->export_size = info->cbKeyingMaterial;
    return SEC_E_OK;
}

SECURITY_STATUS schan_set_context_attributes(void *object, ULONG attr, void *buffer, ULONG size, BOOL unicode)
{
    struct schan_context *ctx = object;

    TRACE("%p: attribute %#lx, %lu bytes\n", ctx, attr, size);
    if (!buffer) return SEC_E_INVALID_PARAMETER;
    switch (attr)
    {
    case SECPKG_ATTR_KEYING_MATERIAL_INFO: return set_keying_info(ctx, buffer, size);
    case SECPKG_ATTR_DTLS_MTU:
        if (!ctx->datagram) return SEC_E_UNSUPPORTED_FUNCTION;
        if (size < sizeof(DWORD) || *(DWORD *)buffer > 0xffff || !tls_session_set_mtu(ctx->tls, *(DWORD *)buffer))
            return SEC_E_INVALID_PARAMETER;
        ctx->mtu = *(DWORD *)buffer;
        return SEC_E_OK;
    default:
        FIXME("attribute %#lx not supported\n", attr);
        return SEC_E_UNSUPPORTED_FUNCTION;
    }
}
