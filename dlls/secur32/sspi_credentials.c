/*
 * Credential handles: AcquireCredentialsHandle, FreeCredentialsHandle and the credential
 * attribute calls, dispatched to the package that owns the credentials.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(sspi);

SECURITY_STATUS WINAPI AcquireCredentialsHandleW(SEC_WCHAR *principal, SEC_WCHAR *package_name, ULONG use,
                                                 void *logon_id, void *auth_data, SEC_GET_KEY_FN get_key,
                                                 void *get_key_arg, CredHandle *handle, TimeStamp *expiry)
{
    const struct sspi_package *package;
    SECURITY_STATUS status;
    void *cred = NULL;

    TRACE("%s %s %#lx %p %p %p %p %p %p\n", dbgstr_w(principal), dbgstr_w(package_name), use, logon_id,
          auth_data, get_key, get_key_arg, handle, expiry);

    if (!(package = sspi_find_package(package_name))) return SEC_E_SECPKG_NOT_FOUND;
    /* Windows judges the authentication data before it looks at the handle pointer. */
    if (package->ops->acquire_package_credentials)
        status = package->ops->acquire_package_credentials(package, principal, use, logon_id, auth_data, &cred,
                                                           expiry);
    else if (package->ops->acquire_credentials)
        status = package->ops->acquire_credentials(principal, use, auth_data, &cred, expiry);
    else return SEC_E_UNSUPPORTED_FUNCTION;
    if (status != SEC_E_OK) return status;
    if (!handle) status = SEC_E_INVALID_HANDLE;
    else status = sspi_handle_create(handle, SSPI_CREDENTIALS, package, cred);
    if (status != SEC_E_OK) package->ops->free_credentials(cred);
    return status;
}

/* The principal and package names in W form; FALSE when memory runs out (both are then NULL). */
static BOOL names_atow(const char *principal, const char *package_name, WCHAR **principalW, WCHAR **packageW)
{
    *principalW = *packageW = NULL;
    if ((!principal || (*principalW = sspi_strdup_atow(principal))) &&
        (!package_name || (*packageW = sspi_strdup_atow(package_name))))
        return TRUE;
    sspi_free(*principalW);
    *principalW = NULL;
    return FALSE;
}

/* Schannel's authentication data is the same structure for both forms, so only the names are
 * converted here. */
SECURITY_STATUS WINAPI AcquireCredentialsHandleA(SEC_CHAR *principal, SEC_CHAR *package_name, ULONG use,
                                                 void *logon_id, void *auth_data, SEC_GET_KEY_FN get_key,
                                                 void *get_key_arg, CredHandle *handle, TimeStamp *expiry)
{
    WCHAR *principalW, *packageW;
    SECURITY_STATUS status;

    if (!names_atow(principal, package_name, &principalW, &packageW)) return SEC_E_INSUFFICIENT_MEMORY;
    status = AcquireCredentialsHandleW(principalW, packageW, use, logon_id, auth_data, get_key, get_key_arg,
                                       handle, expiry);
    sspi_free(principalW);
    sspi_free(packageW);
    return status;
}

SECURITY_STATUS WINAPI FreeCredentialsHandle(CredHandle *handle)
{
    TRACE("%p\n", handle);
    return sspi_handle_delete(handle, SSPI_CREDENTIALS) ? SEC_E_OK : SEC_E_INVALID_HANDLE;
}

SECURITY_STATUS WINAPI QueryCredentialsAttributesW(CredHandle *handle, ULONG attr, void *buffer)
{
    TRACE("%p %lu %p\n", handle, attr, buffer);
    return sspi_dispatch(SSPI_CREDENTIALS, handle, query_credentials_attributes, attr, buffer, TRUE);
}

SECURITY_STATUS WINAPI QueryCredentialsAttributesA(CredHandle *handle, ULONG attr, void *buffer)
{
    TRACE("%p %lu %p\n", handle, attr, buffer);
    return sspi_dispatch(SSPI_CREDENTIALS, handle, query_credentials_attributes, attr, buffer, FALSE);
}

SECURITY_STATUS WINAPI SetCredentialsAttributesW(CredHandle *handle, ULONG attr, void *buffer, ULONG size)
{
    TRACE("%p %lu %p %lu\n", handle, attr, buffer, size);
    return sspi_dispatch(SSPI_CREDENTIALS, handle, set_credentials_attributes, attr, buffer, size, TRUE);
}

SECURITY_STATUS WINAPI SetCredentialsAttributesA(CredHandle *handle, ULONG attr, void *buffer, ULONG size)
{
    TRACE("%p %lu %p %lu\n", handle, attr, buffer, size);
    return sspi_dispatch(SSPI_CREDENTIALS, handle, set_credentials_attributes, attr, buffer, size, FALSE);
}

SECURITY_STATUS WINAPI AddCredentialsW(CredHandle *handle, SEC_WCHAR *principal, SEC_WCHAR *package_name,
                                       ULONG use, void *auth_data, SEC_GET_KEY_FN get_key, void *get_key_arg,
                                       TimeStamp *expiry)
{
    TRACE("%p %s %s %#lx %p %p %p %p\n", handle, dbgstr_w(principal), dbgstr_w(package_name), use, auth_data,
          get_key, get_key_arg, expiry);
    return sspi_dispatch(SSPI_CREDENTIALS, handle, add_credentials, principal, package_name, use, auth_data,
                         expiry);
}

SECURITY_STATUS WINAPI AddCredentialsA(CredHandle *handle, SEC_CHAR *principal, SEC_CHAR *package_name,
                                       ULONG use, void *auth_data, SEC_GET_KEY_FN get_key, void *get_key_arg,
                                       TimeStamp *expiry)
{
    WCHAR *principalW, *packageW;
    SECURITY_STATUS status;

    if (!names_atow(principal, package_name, &principalW, &packageW)) return SEC_E_INSUFFICIENT_MEMORY;
    status = AddCredentialsW(handle, principalW, packageW, use, auth_data, get_key, get_key_arg, expiry);
    sspi_free(principalW);
    sspi_free(packageW);
    return status;
}

SECURITY_STATUS WINAPI QueryCredentialsAttributesExW(CredHandle *handle, ULONG attr, void *buffer, ULONG size)
{
    struct sspi_object *cred;

    FIXME("%p %lu %p %lu: not supported\n", handle, attr, buffer, size);
    if (!(cred = sspi_handle_get(handle, SSPI_CREDENTIALS))) return SEC_E_INVALID_HANDLE;
    sspi_handle_put(cred);
    return SEC_E_UNSUPPORTED_FUNCTION;
}

SECURITY_STATUS WINAPI QueryCredentialsAttributesExA(CredHandle *handle, ULONG attr, void *buffer, ULONG size)
{
    return QueryCredentialsAttributesExW(handle, attr, buffer, size);
}
