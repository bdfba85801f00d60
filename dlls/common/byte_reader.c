/*
 * The bounded reader of TLS wire structures (byte_reader.h).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "byte_reader.h"

BOOL reader_skip(struct byte_reader *r, SIZE_T size)
{
    if ((SIZE_T)(r->end - r->pos) < size) return FALSE;
    r->pos += size;
    return TRUE;
}

BOOL reader_uint(struct byte_reader *r, unsigned size, SIZE_T *value)
{
    const BYTE *start = r->pos;

    if (!reader_skip(r, size)) return FALSE;
    for (*value = 0; start < r->pos; start++) *value = *value << 8 | *start;
    return TRUE;
}

BOOL reader_vector(struct byte_reader *r, unsigned len_size, struct byte_reader *inner)
{
    const BYTE *start = r->pos;
    SIZE_T size;

    if (!reader_uint(r, len_size, &size)) return FALSE;
    inner->pos = r->pos;
    inner->end = r->pos + min(size, (SIZE_T)(r->end - r->pos));
    if (reader_skip(r, size)) return TRUE;
    r->pos = start;
    return FALSE;
}
