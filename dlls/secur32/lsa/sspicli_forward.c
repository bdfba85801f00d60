/*
 * On Windows the packages that are not ours live in the real LSA, reached through sspicli.dll
 * (Windows' own secur32 forwards there).  Each of them is listed with sspicli's package info and
 * its credentials and contexts are sspicli's handles, held inside ours; Schannel stays ours.
 * Under Wine sspicli forwards back into this DLL, and lsa_load.c hosts the packages instead.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include <schannel.h>
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

static SecurityFunctionTableW *sspicli_w;
static SecurityFunctionTableA *sspicli_a;
static HMODULE sspicli_module;

/* sspicli's export of that name when the packages are forwarded, else NULL (hosted here). */
FARPROC lsa_forward(const char *name)
{
    lsa_load_packages();
    return sspicli_module ? GetProcAddress(sspicli_module, name) : NULL;
}

/* An sspicli handle inside one of ours. */
struct forwarded
{
    SecHandle handle;
};

static struct forwarded *hold(const SecHandle *handle)
{
    struct forwarded *object;

    if ((object = sspi_alloc(sizeof(*object)))) object->handle = *handle;
    return object;
}

static SECURITY_STATUS acquire_credentials(const struct sspi_package *entry, const WCHAR *principal, ULONG use,
                                           LUID *logon_id, void *auth_data, void **cred, TimeStamp *expiry)
{
    SECURITY_STATUS status;
    CredHandle handle;

    status = sspicli_w->AcquireCredentialsHandleW((WCHAR *)principal, (WCHAR *)entry->name, use, logon_id,
                                                  auth_data, NULL, NULL, &handle, expiry);
    if (status != SEC_E_OK) return status;
    if ((*cred = hold(&handle))) return SEC_E_OK;
    sspicli_w->FreeCredentialsHandle(&handle);
    return SEC_E_INSUFFICIENT_MEMORY;
}

static void free_credentials(void *cred)
{
    sspicli_w->FreeCredentialsHandle(&((struct forwarded *)cred)->handle);
    sspi_free(cred);
}

static SECURITY_STATUS query_credentials(void *cred, ULONG attr, void *buffer, BOOL unicode)
{
    CredHandle *handle = &((struct forwarded *)cred)->handle;

    return unicode ? sspicli_w->QueryCredentialsAttributesW(handle, attr, buffer)
                   : sspicli_a->QueryCredentialsAttributesA(handle, attr, buffer);
}

static SECURITY_STATUS set_credentials(void *cred, ULONG attr, void *buffer, ULONG size, BOOL unicode)
{
    CredHandle *handle = &((struct forwarded *)cred)->handle;

    return unicode ? sspicli_w->SetCredentialsAttributesW(handle, attr, buffer, size)
                   : sspicli_a->SetCredentialsAttributesA(handle, attr, buffer, size);
}

/* Either step; a first one that does not fail gives us a context to hold. */
static SECURITY_STATUS establish(BOOL server, void *cred, void **ctx, const WCHAR *target, ULONG req,
                                 SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry)
{
    struct forwarded *old = *ctx;
    CredHandle *cred_handle = cred ? &((struct forwarded *)cred)->handle : NULL;
    CtxtHandle new_handle;
    ULONG unused_attrs;
    SECURITY_STATUS status;

    if (!attrs) attrs = &unused_attrs;
    if (server)
        status = sspicli_w->AcceptSecurityContext(cred_handle, old ? &old->handle : NULL, input, req,
                                                  SECURITY_NATIVE_DREP, &new_handle, output, attrs, expiry);
    else
        status = sspicli_w->InitializeSecurityContextW(cred_handle, old ? &old->handle : NULL, (WCHAR *)target, req,
                                                       0, SECURITY_NATIVE_DREP, input, 0, &new_handle, output,
                                                       attrs, expiry);
    if (old || FAILED(status)) return status;
    if ((*ctx = hold(&new_handle))) return status;
    sspicli_w->DeleteSecurityContext(&new_handle);
    return SEC_E_INSUFFICIENT_MEMORY;
}

/* Who calls changes nothing for these packages. */
static SECURITY_STATUS initialize_context(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                          SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs,
                                          TimeStamp *expiry, const struct sspi_caller *caller)
{
    return establish(FALSE, cred, ctx, target, req, input, output, attrs, expiry);
}

static SECURITY_STATUS accept_context(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                      SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry,
                                      const struct sspi_caller *caller)
{
    return establish(TRUE, cred, ctx, NULL, req, input, output, attrs, expiry);
}

#define CTX(object) (&((struct forwarded *)(object))->handle)

static void delete_context(void *ctx)
{
    sspicli_w->DeleteSecurityContext(CTX(ctx));
    sspi_free(ctx);
}

static SECURITY_STATUS apply_control_token(void *ctx, SecBufferDesc *input)
{
    return sspicli_w->ApplyControlToken(CTX(ctx), input);
}

static SECURITY_STATUS query_context(void *ctx, ULONG attr, void *buffer, BOOL unicode)
{
    return unicode ? sspicli_w->QueryContextAttributesW(CTX(ctx), attr, buffer)
                   : sspicli_a->QueryContextAttributesA(CTX(ctx), attr, buffer);
}

static SECURITY_STATUS set_context(void *ctx, ULONG attr, void *buffer, ULONG size, BOOL unicode)
{
    return unicode ? sspicli_w->SetContextAttributesW(CTX(ctx), attr, buffer, size)
                   : sspicli_a->SetContextAttributesA(CTX(ctx), attr, buffer, size);
}

static SECURITY_STATUS encrypt_message(void *ctx, ULONG qop, SecBufferDesc *message, ULONG seq)
{
    return sspicli_w->EncryptMessage(CTX(ctx), qop, message, seq);
}

static SECURITY_STATUS decrypt_message(void *ctx, SecBufferDesc *message, ULONG seq, ULONG *qop)
{
    return sspicli_w->DecryptMessage(CTX(ctx), message, seq, qop);
}

static SECURITY_STATUS make_signature(void *ctx, ULONG qop, SecBufferDesc *message, ULONG seq)
{
    return sspicli_w->MakeSignature(CTX(ctx), qop, message, seq);
}

static SECURITY_STATUS verify_signature(void *ctx, SecBufferDesc *message, ULONG seq, ULONG *qop)
{
    return sspicli_w->VerifySignature(CTX(ctx), message, seq, qop);
}

static const struct sspi_package_ops forward_ops =
{
    .acquire_package_credentials = acquire_credentials,
    .free_credentials = free_credentials,
    .query_credentials_attributes = query_credentials,
    .set_credentials_attributes = set_credentials,
    .initialize_context = initialize_context,
    .accept_context = accept_context,
    .delete_context = delete_context,
    .apply_control_token = apply_control_token,
    .query_context_attributes = query_context,
    .set_context_attributes = set_context,
    .encrypt_message = encrypt_message,
    .decrypt_message = decrypt_message,
    .make_signature = make_signature,
    .verify_signature = verify_signature,
};

static BOOL is_schannel(const WCHAR *name)
{
    return !lstrcmpiW(name, UNISP_NAME_W) || !lstrcmpiW(name, SCHANNEL_NAME_W) ||
           !lstrcmpiW(name, DEFAULT_TLS_SSP_NAME_W);
}

static WCHAR *strdup_w(const WCHAR *str)
{
    WCHAR *copy = sspi_alloc((wcslen(str ? str : L"") + 1) * sizeof(WCHAR));

    if (copy) wcscpy(copy, str ? str : L"");
    return copy;
}

/* Lists every package sspicli has except Schannel's names, with its info, in its order. */
void lsa_forward_packages(HMODULE sspicli)
{
    INIT_SECURITY_INTERFACE_W init_w = (void *)GetProcAddress(sspicli, "InitSecurityInterfaceW");
    INIT_SECURITY_INTERFACE_A init_a = (void *)GetProcAddress(sspicli, "InitSecurityInterfaceA");
    SecPkgInfoW *infos;
    ULONG count, i;

    if (!init_w || !init_a || !(sspicli_w = init_w()) || !(sspicli_a = init_a())) return;
    if (sspicli_w->EnumerateSecurityPackagesW(&count, &infos) != SEC_E_OK) return;
    sspicli_module = sspicli;
    for (i = 0; i < count && lsa_sspi_package_count < LSA_MAX_PACKAGES; i++)
    {
        struct sspi_package *entry = &lsa_sspi_packages[lsa_sspi_package_count];

        if (is_schannel(infos[i].Name)) continue;
        TRACE("forwarding %s\n", dbgstr_w(infos[i].Name));
        if (!(entry->name = strdup_w(infos[i].Name)) || !(entry->comment = strdup_w(infos[i].Comment))) break;
        entry->capabilities = infos[i].fCapabilities;
        entry->version = infos[i].wVersion;
        entry->rpc_id = infos[i].wRPCID;
        entry->max_token = infos[i].cbMaxToken;
        entry->ops = &forward_ops;
        lsa_sspi_package_count++;
    }
    sspicli_w->FreeContextBuffer(infos);
}
