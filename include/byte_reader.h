/*
 * A bounded reader of TLS wire structures (RFC 8446's vectors with big-endian length prefixes):
 * no read ever passes the end.  Used by the TLS engine's ClientHello look-ups and by schannel.dll's
 * SslGetServerIdentity.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef BYTE_READER_H
#define BYTE_READER_H

#include <windows.h>

struct byte_reader
{
    const BYTE *pos, *end;
};

/* FALSE (and R unmoved) when fewer than SIZE bytes are left. */
BOOL reader_skip(struct byte_reader *r, SIZE_T size);
/* An unsigned big-endian number of SIZE bytes (at most sizeof(SIZE_T)). */
BOOL reader_uint(struct byte_reader *r, unsigned size, SIZE_T *value);
/* A vector with a big-endian length of LEN_SIZE bytes; R moves past it, INNER covers its contents. */
BOOL reader_vector(struct byte_reader *r, unsigned len_size, struct byte_reader *inner);

#endif /* BYTE_READER_H */
