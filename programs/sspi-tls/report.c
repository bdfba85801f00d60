/*
 * sspi-tls: one connection's report, as aligned text lines or as one JSON object on one line.
 * Each item is written once, through put(), which knows both forms.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "errors.h"

struct out
{
    BOOL json;
    BOOL first;
};

const char *quote(const char *s, size_t len, char *buffer, size_t size)
{
    char *p = buffer, *end = buffer + size - 8;
    size_t i;

    *p++ = '"';
    for (i = 0; i < len && p < end; i++)
    {
        unsigned char c = s[i];
        if (c == '"' || c == '\\') p += sprintf(p, "\\%c", c);
        else if (c == '\n') p += sprintf(p, "\\n");
        else if (c == '\r') p += sprintf(p, "\\r");
        else if (c < 0x20 || c == 0x7f) p += sprintf(p, "\\u%04x", c);
        else *p++ = c;
    }
    *p++ = '"';
    *p = 0;
    return buffer;
}

/* One item: LABEL and TEXT for the text form (no line when LABEL is NULL), KEY and JSON (a JSON
 * value, already quoted when a string) for the JSON form (nothing when KEY is NULL). */
static void put(struct out *out, const char *label, const char *text, const char *key, const char *json)
{
    if (out->json && key) printf("%s\"%s\":%s", out->first ? "" : ",", key, json ? json : "null");
    if (out->json && key) out->first = FALSE;
    if (!out->json && label) printf("  %-14s%s\n", label, text);
}

static void put_string(struct out *out, const char *label, const char *key, const char *value)
{
    char quoted[1100];
    put(out, label, value, key, value ? quote(value, strlen(value), quoted, sizeof(quoted)) : NULL);
}

static void put_number(struct out *out, const char *key, unsigned long value)
{
    char number[16];
    sprintf(number, "%lu", value);
    put(out, NULL, NULL, key, number);
}

/* An attribute the package did not give: the text says why; JSON has null (and the key under
 * "unavailable"). */
static void put_unavailable(struct out *out, const char *label, const char *key, SECURITY_STATUS status)
{
    char text[100];
    snprintf(text, sizeof(text), "unavailable (%s)", status_text(status));
    put(out, label, text, key, NULL);
}

static const char *protocol_name(DWORD protocol)
{
    if (protocol & SP_PROT_TLS1_3) return "TLS 1.3";
    if (protocol & SP_PROT_TLS1_2) return "TLS 1.2";
    if (protocol & SP_PROT_TLS1_1) return "TLS 1.1";
    if (protocol & SP_PROT_TLS1_0) return "TLS 1.0";
    if (protocol & SP_PROT_DTLS1_2) return "DTLS 1.2";
    if (protocol & SP_PROT_DTLS1_0) return "DTLS 1.0";
    return "unknown";
}

static void put_algorithm(struct out *out, const char *label, const char *key, const WCHAR *name, DWORD bits)
{
    char nameA[64], text[96], bits_key[32];

    WideCharToMultiByte(CP_UTF8, 0, name, -1, nameA, sizeof(nameA), NULL, NULL);
    snprintf(text, sizeof(text), "%s %lu bits", *nameA ? nameA : "none", bits);
    put_string(out, NULL, key, nameA);
    snprintf(bits_key, sizeof(bits_key), "%s_bits", key);
    put_number(out, bits_key, bits);
    put(out, label, text, NULL, NULL);
}

static void put_cipher(struct out *out, const struct report *r)
{
    const SecPkgContext_CipherInfo *c = &r->cipher;
    char suite[64], text[96], id[16];

    if (r->connection_status == SEC_E_OK) put_string(out, "protocol:", "protocol", protocol_name(r->connection.dwProtocol));
    else put_unavailable(out, "protocol:", "protocol", r->connection_status);
    if (r->cipher_status != SEC_E_OK)
    {
        put_unavailable(out, "cipher suite:", "cipher_suite", r->cipher_status);
        return;
    }
    WideCharToMultiByte(CP_UTF8, 0, c->szCipherSuite, -1, suite, sizeof(suite), NULL, NULL);
    snprintf(id, sizeof(id), "0x%04lx", c->dwCipherSuite);
    snprintf(text, sizeof(text), "%s (%s)", suite, id);
    put(out, "cipher suite:", text, NULL, NULL);
    put_string(out, NULL, "cipher_suite", suite);
    put_string(out, NULL, "cipher_suite_id", id);
    put_algorithm(out, "cipher:", "cipher", c->szCipher, c->dwCipherLen);
    put_algorithm(out, "hash:", "hash", c->szHash, c->dwHashLen);
    put_algorithm(out, "exchange:", "exchange", c->szExchange, c->dwMaxExchangeLen);
}

static void put_alpn(struct out *out, const struct report *r)
{
    char name[256];

    if (r->alpn_status != SEC_E_OK)
    {
        put_unavailable(out, "alpn:", "alpn", r->alpn_status);
        return;
    }
    if (r->alpn.ProtoNegoStatus != SecApplicationProtocolNegotiationStatus_Success)
    {
        put(out, "alpn:", "none", "alpn", NULL);
        return;
    }
    memcpy(name, r->alpn.ProtocolId, r->alpn.ProtocolIdSize);
    name[r->alpn.ProtocolIdSize] = 0;
    put_string(out, "alpn:", "alpn", name);
}

static void put_chain(struct out *out, const struct report *r)
{
    const struct peer_chain *chain = &r->chain;
    char text[600], label[32], subject[600], issuer[600];
    unsigned i;

    if (chain->status != SEC_E_OK)
    {
        snprintf(text, sizeof(text), "none (%s)", status_text(chain->status));
        put(out, "peer chain:", text, "peer_chain", "[]");
        put(out, "validation:", "not done", "validation", "\"none\"");
        return;
    }
    if (out->json) printf(",\"peer_chain\":[");
    for (i = 0; i < chain->count; i++)
    {
        quote(chain->subject[i], strlen(chain->subject[i]), subject, sizeof(subject));
        quote(chain->issuer[i], strlen(chain->issuer[i]), issuer, sizeof(issuer));
        if (out->json) printf("%s{\"subject\":%s,\"issuer\":%s}", i ? "," : "", subject, issuer);
        snprintf(label, sizeof(label), "peer cert %u:", i);
        snprintf(text, sizeof(text), "%s (issuer %s)", chain->subject[i], chain->issuer[i]);
        put(out, label, text, NULL, NULL);
    }
    if (out->json) printf("]");
    if (!chain->validation && !chain->trust_errors)
    {
        put(out, "validation:", "ok", "validation", "\"ok\"");
        return;
    }
    snprintf(text, sizeof(text), "failed: %s, chain trust errors 0x%08lx",
             chain->validation ? status_text(chain->validation) : "policy passed", chain->trust_errors);
    put(out, "validation:", text, "validation", "\"failed\"");
    put_string(out, NULL, "validation_error", chain->validation ? status_text(chain->validation) : NULL);
    snprintf(text, sizeof(text), "\"0x%08lx\"", chain->trust_errors);
    put(out, NULL, NULL, "chain_trust_errors", text);
}

static void put_session(struct out *out, const struct report *r, BOOL show_key)
{
    char hex[2 * 512 + 1] = "", text[160];
    ULONG i;

    if (r->session_status != SEC_E_OK) put_unavailable(out, "reconnect:", "reconnect", r->session_status);
    else if (r->session.dwFlags & SSL_SESSION_RECONNECT) put(out, "reconnect:", "yes", "reconnect", "true");
    else put(out, "reconnect:", "no", "reconnect", "false");

    if (r->key_status != SEC_E_OK)
    {
        put_unavailable(out, "session key:", "session_key_sha256", r->key_status);
        return;
    }
    for (i = 0; i < FINGERPRINT_SIZE; i++) sprintf(hex + 2 * i, "%02x", r->key_fingerprint[i]);
    snprintf(text, sizeof(text), "sha256 %s (of a %lu-byte key)", hex, r->key_size);
    put(out, "session key:", text, NULL, NULL);
    put_string(out, NULL, "session_key_sha256", hex);
    put_number(out, "session_key_bytes", r->key_size);
    if (!show_key || !r->key) return;
    for (i = 0; i < r->key_size && i < 512; i++) sprintf(hex + 2 * i, "%02x", r->key[i]);
    put_string(out, "key:", "session_key", hex);
    SecureZeroMemory(hex, sizeof(hex));
}

/* "unavailable": every attribute the package refused, by name, for scripts to tell apart. */
static void put_unavailable_list(const struct report *r)
{
    static const char *const names[] = { "connection_info", "cipher_info", "application_protocol",
                                         "session_info", "session_key" };
    const SECURITY_STATUS statuses[] = { r->connection_status, r->cipher_status, r->alpn_status,
                                         r->session_status, r->key_status };
    BOOL first = TRUE;
    size_t i;

    printf(",\"unavailable\":{");
    for (i = 0; i < ARRAYSIZE(names); i++)
    {
        if (statuses[i] == SEC_E_OK) continue;
        printf("%s\"%s\":\"%s\"", first ? "" : ",", names[i], status_text(statuses[i]));
        first = FALSE;
    }
    printf("}");
}

void report_print(const struct report *r, BOOL json)
{
    struct out out = { json, TRUE };
    char quoted[1100];

    if (json) printf("{");
    else printf("connection %u: %s, peer %s\n", r->number, r->server ? "server" : "client", r->peer);
    put_number(&out, "connection", r->number);
    put_string(&out, NULL, "role", r->server ? "server" : "client");
    put_string(&out, NULL, "peer", r->peer);
    put_cipher(&out, r);
    put_alpn(&out, r);
    put_chain(&out, r);
    put_session(&out, r, r->key != NULL);
    if (r->sent) put(&out, "sent:", quote(r->sent, strlen(r->sent), quoted, sizeof(quoted)), "sent", quoted);
    if (r->received_size)
        put(&out, "received:", quote(r->received, r->received_size, quoted, sizeof(quoted)), "received", quoted);
    put_string(&out, "closed:", "closed", r->closed);
    if (json) put_unavailable_list(r);
    printf(json ? "}\n" : "\n");
    fflush(stdout);
}

void report_failure(unsigned number, const char *peer, const char *message, int exit_code, BOOL json)
{
    char quoted[2][600];

    if (json)
        printf("{\"connection\":%u,\"role\":\"server\",\"peer\":%s,\"failed\":%s,\"exit_code\":%d}\n", number,
               quote(peer, strlen(peer), quoted[0], sizeof(quoted[0])),
               quote(message, strlen(message), quoted[1], sizeof(quoted[1])), exit_code);
    else printf("connection %u: failed: %s (peer %s)\n", number, message, peer);
    fflush(stdout);
}

void report_listening(const char *address, BOOL json)
{
    if (json) printf("{\"listening\":\"%s\"}\n", address);
    else printf("listening on %s\n", address);
    fflush(stdout);
}
