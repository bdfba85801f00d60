/*
 * The Schannel package's identity: names, capabilities and entry points, with the values Windows
 * reports for them (see docs/package-info.md).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_private.h"
#define SCHANNEL_CAPABILITIES (SECPKG_FLAG_INTEGRITY | SECPKG_FLAG_PRIVACY | SECPKG_FLAG_CONNECTION | \
                               SECPKG_FLAG_MULTI_REQUIRED | SECPKG_FLAG_EXTENDED_ERROR | \
                               SECPKG_FLAG_IMPERSONATION | SECPKG_FLAG_ACCEPT_WIN32_NAME | \
                               SECPKG_FLAG_STREAM | SECPKG_FLAG_MUTUAL_AUTH)
#define SCHANNEL_MAX_TOKEN 0x6000
#define SCHANNEL_COMMENT L"Schannel Security Package"

static const struct sspi_package_ops schannel_ops =
{
    .acquire_credentials = schan_acquire_credentials,
    .free_credentials = schan_free_credentials,
    .query_credentials_attributes = schan_query_credentials_attributes,
    .set_credentials_attributes = schan_set_credentials_attributes,
    .initialize_context = schan_initialize_context,
    .accept_context = schan_accept_context,
    .delete_context = schan_delete_context,
    .apply_control_token = schan_apply_control_token,
    .query_context_attributes = schan_query_context_attributes,
    .set_context_attributes = schan_set_context_attributes,
    .encrypt_message = schan_encrypt_message,
    .decrypt_message = schan_decrypt_message,
};

const struct sspi_package schannel_packages[] =
{
    { UNISP_NAME_W, SCHANNEL_COMMENT, SCHANNEL_CAPABILITIES, 1, UNISP_RPC_ID, SCHANNEL_MAX_TOKEN, &schannel_ops },
    { SCHANNEL_NAME_W, SCHANNEL_COMMENT, SCHANNEL_CAPABILITIES, 1, UNISP_RPC_ID, SCHANNEL_MAX_TOKEN, &schannel_ops },
    { DEFAULT_TLS_SSP_NAME_W, SCHANNEL_COMMENT, SCHANNEL_CAPABILITIES, 1, UNISP_RPC_ID, SCHANNEL_MAX_TOKEN,
      &schannel_ops },
};

const ULONG schannel_package_count = ARRAYSIZE(schannel_packages);
