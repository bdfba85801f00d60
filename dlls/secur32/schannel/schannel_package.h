/*
 * The Schannel package as the SSPI front end sees it: its names and its operations.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SCHANNEL_PACKAGE_H
#define SCHANNEL_PACKAGE_H

#include "sspi_private.h"

/* The same package under its three Windows names. */
extern const struct sspi_package schannel_packages[];
extern const ULONG schannel_package_count;

/* schannel_credentials.c */
SECURITY_STATUS schan_acquire_credentials(const WCHAR *principal, ULONG use, void *auth_data, void **cred,
                                          TimeStamp *expiry);
void schan_free_credentials(void *cred);
SECURITY_STATUS schan_query_credentials_attributes(void *cred, ULONG attr, void *buffer, BOOL unicode);

#endif /* SCHANNEL_PACKAGE_H */
