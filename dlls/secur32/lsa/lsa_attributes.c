/*
 * QueryContextAttributes on a hosted package's context.  The packages answer in wide strings
 * only; the A forms of the attributes that carry strings are converted here.  The package info
 * is the registry's (what QuerySecurityPackageInfo gives), which the packages leave to the LSA.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

/* A copy of a string the package allocated, in the other character set; the original is freed. */
static SECURITY_STATUS string_to_a(WCHAR *str, char **out)
{
    int size;

    *out = NULL;
    if (!str) return SEC_E_OK;
    size = sspi_wtoa_size(str);
    if ((*out = sspi_alloc(size))) sspi_wtoa_into(str, *out, size);
    FreeContextBuffer(str);
    return *out ? SEC_E_OK : SEC_E_INSUFFICIENT_MEMORY;
}

static SECURITY_STATUS package_info_to_a(SecPkgInfoW *infoW, SecPkgInfoA **out)
{
    struct sspi_package tmp;

    *out = NULL;
    if (!infoW) return SEC_E_OK;
    tmp.name = infoW->Name ? infoW->Name : L"";
    tmp.comment = infoW->Comment ? infoW->Comment : L"";
    tmp.capabilities = infoW->fCapabilities;
    tmp.version = infoW->wVersion;
    tmp.rpc_id = infoW->wRPCID;
    tmp.max_token = infoW->cbMaxToken;
    *out = sspi_package_info(&tmp, FALSE);
    FreeContextBuffer(infoW);
    return *out ? SEC_E_OK : SEC_E_INSUFFICIENT_MEMORY;
}

static SECURITY_STATUS query_package(struct lsa_handle *ctx, ULONG attr, void *buffer)
{
    const SECPKG_FUNCTION_TABLE *lsa = ctx->package->lsa;
    const SECPKG_USER_FUNCTION_TABLE *user = ctx->package->user;
    SECURITY_STATUS status;

    AcquireSRWLockShared(&ctx->lock);
    if (lsa->QueryContextAttributes) status = lsa->QueryContextAttributes(ctx->handle, attr, buffer);
    else if (user && user->QueryContextAttributes) status = user->QueryContextAttributes(ctx->handle, attr, buffer);
    else status = SEC_E_UNSUPPORTED_FUNCTION;
    ReleaseSRWLockShared(&ctx->lock);
    return status;
}

static SECURITY_STATUS query_a(struct lsa_handle *ctx, ULONG attr, void *buffer)
{
    union
    {
        SecPkgContext_NamesW names;
        SecPkgContext_AuthorityW authority;
        SecPkgContext_KeyInfoW key_info;
        SecPkgContext_NegotiationInfoW negotiation;
    } w;
    SECURITY_STATUS status;

    switch (attr)
    {
    case SECPKG_ATTR_NAMES:
    case SECPKG_ATTR_AUTHORITY:
        if ((status = query_package(ctx, attr, &w))) return status;
        /* Both are one string pointer. */
        return string_to_a(w.names.sUserName, &((SecPkgContext_NamesA *)buffer)->sUserName);
    case SECPKG_ATTR_KEY_INFO:
    {
        SecPkgContext_KeyInfoA *infoA = buffer;

        if ((status = query_package(ctx, attr, &w))) return status;
        infoA->KeySize = w.key_info.KeySize;
        infoA->SignatureAlgorithm = w.key_info.SignatureAlgorithm;
        infoA->EncryptAlgorithm = w.key_info.EncryptAlgorithm;
        status = string_to_a(w.key_info.sSignatureAlgorithmName, &infoA->sSignatureAlgorithmName);
        if (string_to_a(w.key_info.sEncryptAlgorithmName, &infoA->sEncryptAlgorithmName)) status = SEC_E_INSUFFICIENT_MEMORY;
        return status;
    }
    case SECPKG_ATTR_NEGOTIATION_INFO:
    {
        SecPkgContext_NegotiationInfoA *infoA = buffer;

        if ((status = query_package(ctx, attr, &w))) return status;
        infoA->NegotiationState = w.negotiation.NegotiationState;
        return package_info_to_a(w.negotiation.PackageInfo, &infoA->PackageInfo);
    }
    default:
        return query_package(ctx, attr, buffer);
    }
}

SECURITY_STATUS lsa_query_context(struct lsa_handle *ctx, ULONG attr, void *buffer, BOOL unicode)
{
    const struct sspi_package *entry = &lsa_sspi_packages[ctx->package - lsa_packages];

    TRACE("%s %lu\n", dbgstr_w(entry->name), attr);
    if (!buffer) return SEC_E_INVALID_PARAMETER;
    if (attr == SECPKG_ATTR_PACKAGE_INFO)
    {
        SecPkgContext_PackageInfoW *info = buffer;
        return (info->PackageInfo = sspi_package_info(entry, unicode)) ? SEC_E_OK : SEC_E_INSUFFICIENT_MEMORY;
    }
    return unicode ? query_package(ctx, attr, buffer) : query_a(ctx, attr, buffer);
}
