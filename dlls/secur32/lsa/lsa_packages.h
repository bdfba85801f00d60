/*
 * The hosted packages and Negotiate as the package registry sees them.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef LSA_PACKAGES_H
#define LSA_PACKAGES_H

#include "sspi_private.h"

/* Loads the hosted packages once (under Wine); cheap after the first call. */
void lsa_load_packages(void);

extern const struct sspi_package negotiate_packages[];
extern ULONG negotiate_package_count;          /* 1 once a hosted package can serve it, else 0 */
extern struct sspi_package lsa_sspi_packages[];
extern ULONG lsa_sspi_package_count;

#endif /* LSA_PACKAGES_H */
