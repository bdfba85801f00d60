/*
 * Schannel credentials: AcquireCredentialsHandle's SCHANNEL_CRED / SCH_CREDENTIALS checks.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_package.h"
#include <schannel.h>
#include "tls/tls_engine.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

struct schan_credentials
{
    ULONG use;
    struct tls_credentials *tls;
};

SECURITY_STATUS schan_acquire_credentials(const WCHAR *principal, ULONG use, void *auth_data, void **cred,
                                          TimeStamp *expiry)
{
    const SCHANNEL_CRED *schan_cred = auth_data;
    struct schan_credentials *creds;

    TRACE("%#lx %p\n", use, auth_data);

    /* Both SCHANNEL_CRED and SCH_CREDENTIALS start with dwVersion. */
    if (schan_cred && schan_cred->dwVersion != SCH_CRED_V3 && schan_cred->dwVersion != SCHANNEL_CRED_VERSION &&
        schan_cred->dwVersion != SCH_CREDENTIALS_VERSION)
    {
        WARN("unknown credential version %lu\n", schan_cred->dwVersion);
        return SEC_E_INTERNAL_ERROR;
    }
    if (use != SECPKG_CRED_OUTBOUND)
    {
        FIXME("server credentials are not implemented yet\n");
        return SEC_E_NO_CREDENTIALS;
    }

    if (!(creds = sspi_alloc(sizeof(*creds)))) return SEC_E_INSUFFICIENT_MEMORY;
    if (!(creds->tls = tls_credentials_create()))
    {
        sspi_free(creds);
        return SEC_E_INTERNAL_ERROR;
    }
    creds->use = use;
    *cred = creds;
    return SEC_E_OK;
}

void schan_free_credentials(void *cred)
{
    struct schan_credentials *creds = cred;

    tls_credentials_free(creds->tls);
    sspi_free(creds);
}
