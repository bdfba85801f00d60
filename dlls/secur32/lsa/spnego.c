/*
 * SPNEGO (RFC 4178) tokens as Windows' Negotiate sends them: the client's first token is a GSS-API
 * NegTokenInit with the mechanism list and the first mechanism's token, every later token either
 * way a NegTokenResp.  DER is written backwards into a buffer, so each length is known before
 * its header is put in front.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "spnego.h"

const BYTE spnego_oid_ntlm[] = { 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a };
const BYTE spnego_oid_ms_krb5[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02 };
const BYTE spnego_oid_krb5[] = { 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02 };
static const BYTE spnego_oid[] = { 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };

struct der_writer
{
    BYTE *buf;
    ULONG pos;
    BOOL overflow;
};

static void prepend(struct der_writer *w, const void *data, ULONG len)
{
    if (w->overflow || len > w->pos)
    {
        w->overflow = TRUE;
        return;
    }
    w->pos -= len;
    memcpy(w->buf + w->pos, data, len);
}

/* Puts TAG and the length of everything written since END in front of it. */
static void prepend_header(struct der_writer *w, BYTE tag, ULONG end)
{
    ULONG len = end - w->pos;
    BYTE header[5];
    ULONG n = 0;

    header[n++] = tag;
    if (len >= 0x10000) { header[n++] = 0x83; header[n++] = len >> 16; header[n++] = len >> 8; }
    else if (len >= 0x100) { header[n++] = 0x82; header[n++] = len >> 8; }
    else if (len >= 0x80) header[n++] = 0x81;
    header[n++] = len;
    prepend(w, header, n);
}

static void prepend_token(struct der_writer *w, BYTE context_tag, const BYTE *token, ULONG len)
{
    ULONG end = w->pos;

    prepend(w, token, len);
    prepend_header(w, 0x04, end);
    prepend_header(w, context_tag, end);
}

/* The finished token is moved to the start of OUT; returns its size, or 0 if it did not fit. */
static ULONG finish(struct der_writer *w, BYTE *out, ULONG size)
{
    if (w->overflow) return 0;
    memmove(out, w->buf + w->pos, size - w->pos);
    return size - w->pos;
}

ULONG spnego_write_init(const BYTE *const *mechs, ULONG count, const BYTE *token, ULONG token_len,
                        BYTE *out, ULONG size)
{
    struct der_writer w = { out, size, FALSE };
    ULONG end = size, list_end;

    if (token_len) prepend_token(&w, 0xa2, token, token_len);
    list_end = w.pos;
    while (count--) prepend(&w, mechs[count], mechs[count][1] + 2);
    prepend_header(&w, 0x30, list_end);
    prepend_header(&w, 0xa0, list_end);
    prepend_header(&w, 0x30, end);
    prepend_header(&w, 0xa0, end);
    prepend(&w, spnego_oid, sizeof(spnego_oid));
    prepend_header(&w, 0x60, end);
    return finish(&w, out, size);
}

ULONG spnego_write_resp(int state, const BYTE *mech, const BYTE *token, ULONG token_len, BYTE *out, ULONG size)
{
    struct der_writer w = { out, size, FALSE };
    ULONG end = size, field_end;

    if (token_len) prepend_token(&w, 0xa2, token, token_len);
    if (mech)
    {
        field_end = w.pos;
        prepend(&w, mech, mech[1] + 2);
        prepend_header(&w, 0xa1, field_end);
    }
    if (state >= 0)
    {
        BYTE enumerated[3] = { 0x0a, 0x01, state };
        field_end = w.pos;
        prepend(&w, enumerated, sizeof(enumerated));
        prepend_header(&w, 0xa0, field_end);
    }
    prepend_header(&w, 0x30, end);
    prepend_header(&w, 0xa1, end);
    return finish(&w, out, size);
}

/* One DER element at *P: its tag, content and the position after it. */
static BOOL der_next(const BYTE **p, const BYTE *end, BYTE *tag, const BYTE **content, ULONG *len)
{
    const BYTE *q = *p;
    ULONG n, i;

    if (end - q < 2) return FALSE;
    *tag = *q++;
    if (*q < 0x80) *len = *q++;
    else
    {
        n = *q++ & 0x7f;
        if (!n || n > 3 || end - q < n) return FALSE;
        for (*len = 0, i = 0; i < n; i++) *len = *len << 8 | *q++;
    }
    if ((ULONG)(end - q) < *len) return FALSE;
    *content = q;
    *p = q + *len;
    return TRUE;
}

static BOOL der_enter(const BYTE **p, const BYTE *end, BYTE want, const BYTE **content, const BYTE **content_end)
{
    BYTE tag;
    ULONG len;

    if (!der_next(p, end, &tag, content, &len) || tag != want) return FALSE;
    *content_end = *content + len;
    return TRUE;
}

/* The fields of a NegTokenInit or NegTokenResp sequence. */
static BOOL parse_fields(const BYTE *p, const BYTE *end, struct spnego_token *token)
{
    const BYTE *content, *content_end, *pos, *inner, *inner_end;
    BYTE tag;
    ULONG len;

    while (p < end)
    {
        if (!der_next(&p, end, &tag, &content, &len)) return FALSE;
        content_end = content + len;
        pos = content;
        switch (tag)
        {
        case 0xa0:
            if (token->init)
            {
                /* mechTypes: the first one is what the optimistic token belongs to. */
                if (!der_enter(&pos, content_end, 0x30, &inner, &inner_end)) return FALSE;
                token->first_mech = inner < inner_end ? inner : NULL;
                token->mechs = inner;
                token->mechs_end = inner_end;
            }
            else if (len == 3 && content[0] == 0x0a && content[1] == 1) token->state = content[2];
            else return FALSE;
            break;
        case 0xa1:
            if (!token->init) token->mech = content;
            break;
        case 0xa2:
            if (!der_enter(&pos, content_end, 0x04, &inner, &inner_end)) return FALSE;
            token->token = inner;
            token->token_len = inner_end - inner;
            break;
        default:
            break; /* reqFlags, mechListMIC */
        }
    }
    return TRUE;
}

BOOL spnego_parse(const BYTE *data, ULONG size, struct spnego_token *token)
{
    const BYTE *p = data, *end = data + size, *content, *content_end;

    memset(token, 0, sizeof(*token));
    token->state = -1;
    if (size && data[0] == 0x60)
    {
        if (!der_enter(&p, end, 0x60, &content, &content_end)) return FALSE;
        if (content_end - content < sizeof(spnego_oid) || memcmp(content, spnego_oid, sizeof(spnego_oid)))
            return FALSE;
        p = content + sizeof(spnego_oid);
        token->init = TRUE;
        if (!der_enter(&p, content_end, 0xa0, &content, &content_end)) return FALSE;
    }
    else if (!der_enter(&p, end, 0xa1, &content, &content_end)) return FALSE;
    p = content;
    if (!der_enter(&p, content_end, 0x30, &content, &content_end)) return FALSE;
    return parse_fields(content, content_end, token);
}

/* The mechanism OID of a GSS-API InitialContextToken ([APPLICATION 0] { OID, ... }), or NULL: read
 * from the token's start, bounded by SIZE (the rest may be cut or wrong). */
const BYTE *spnego_token_mech(const BYTE *data, ULONG size)
{
    ULONG pos = 2;

    if (size < 4 || data[0] != 0x60) return NULL;
    if (data[1] & 0x80) pos += data[1] & 0x7f;
    if (pos + 2 > size || data[pos] != 0x06 || pos + 2 + data[pos + 1] > size) return NULL;
    return data + pos;
}

BOOL spnego_is_init(const BYTE *data, ULONG size)
{
    return spnego_same_mech(spnego_token_mech(data, size), spnego_oid);
}

BOOL spnego_same_mech(const BYTE *a, const BYTE *b)
{
    return a && b && a[0] == 0x06 && b[0] == 0x06 && a[1] == b[1] && !memcmp(a, b, a[1] + 2);
}

/* Kerberos is listed under two OIDs (Windows' old one first). */
BOOL spnego_is_kerberos(const BYTE *mech)
{
    return spnego_same_mech(mech, spnego_oid_ms_krb5) || spnego_same_mech(mech, spnego_oid_krb5);
}
