/*
 * SPNEGO tokens (RFC 4178) for Negotiate.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SPNEGO_H
#define SPNEGO_H

#include <windows.h>

/* Mechanism OIDs, DER-encoded with their tag and length. */
extern const BYTE spnego_oid_ntlm[], spnego_oid_ms_krb5[], spnego_oid_krb5[];

enum spnego_state { SPNEGO_ACCEPT_COMPLETED, SPNEGO_ACCEPT_INCOMPLETE, SPNEGO_REJECT, SPNEGO_REQUEST_MIC };

/* A parsed token; the pointers are into the caller's data. */
struct spnego_token
{
    BOOL init;                 /* NegTokenInit, else NegTokenResp */
    const BYTE *mechs, *mechs_end, *first_mech; /* init: the mechanism list */
    int state;                 /* resp: negState, -1 if absent */
    const BYTE *mech;          /* resp: supportedMech */
    const BYTE *token;         /* mechToken or responseToken */
    ULONG token_len;
};

/* Each writes into OUT (SIZE bytes) and returns the token's size, 0 if it does not fit. */
ULONG spnego_write_init(const BYTE *const *mechs, ULONG count, const BYTE *token, ULONG token_len,
                        BYTE *out, ULONG size);
/* STATE -1 and MECH NULL leave those fields out. */
ULONG spnego_write_resp(int state, const BYTE *mech, const BYTE *token, ULONG token_len, BYTE *out, ULONG size);
BOOL spnego_parse(const BYTE *data, ULONG size, struct spnego_token *token);
const BYTE *spnego_token_mech(const BYTE *data, ULONG size);
BOOL spnego_is_init(const BYTE *data, ULONG size);
BOOL spnego_same_mech(const BYTE *a, const BYTE *b);
BOOL spnego_is_kerberos(const BYTE *mech);

#endif /* SPNEGO_H */
