/*
 * Debug channels: parses SECUR32_DEBUG once and writes log lines to stderr.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#include "sspi_debug.h"

#define ALL_CLASSES ((1 << DBG_CLASS_ERR) | (1 << DBG_CLASS_FIXME) | (1 << DBG_CLASS_WARN) | (1 << DBG_CLASS_TRACE))
#define MAX_RULES 16

struct rule
{
    char channel[32];       /* "all" matches every channel */
    int mask;               /* classes this rule touches */
    int on;
};

static struct rule rules[MAX_RULES];
static int rule_count;
static INIT_ONCE parse_once = INIT_ONCE_STATIC_INIT;

static int class_mask(const char *name, size_t len)
{
    static const char *const names[] = { "err", "fixme", "warn", "trace" };
    int i;

    if (!len) return ALL_CLASSES;
    for (i = 0; i < 4; i++)
        if (strlen(names[i]) == len && !strncmp(names[i], name, len)) return 1 << i;
    return 0;
}

static void parse_rule(const char *item, size_t len)
{
    struct rule *rule = &rules[rule_count];
    size_t i;

    for (i = 0; i < len; i++) if (item[i] == '+' || item[i] == '-') break;
    if (i == len || rule_count == MAX_RULES) return;
    if (!(rule->mask = class_mask(item, i))) return;
    rule->on = item[i] == '+';
    len -= i + 1;
    if (!len || len >= sizeof(rule->channel)) return;
    memcpy(rule->channel, item + i + 1, len);
    rule->channel[len] = 0;
    rule_count++;
}

static BOOL WINAPI parse_spec(INIT_ONCE *once, void *param, void **context)
{
    char spec[512];
    const char *p, *end;
    DWORD len = GetEnvironmentVariableA("SECUR32_DEBUG", spec, sizeof(spec));

    if (!len || len >= sizeof(spec)) return TRUE;
    for (p = spec; *p; p = *end ? end + 1 : end)
    {
        if (!(end = strchr(p, ','))) end = p + strlen(p);
        parse_rule(p, end - p);
    }
    return TRUE;
}

int dbg_enabled(struct dbg_channel *channel, enum dbg_class cls)
{
    int flags = channel->flags, i;

    if (flags == -1)
    {
        InitOnceExecuteOnce(&parse_once, parse_spec, NULL, NULL);
        flags = 0;
        for (i = 0; i < rule_count; i++)
        {
            if (strcmp(rules[i].channel, "all") && strcmp(rules[i].channel, channel->name)) continue;
            if (rules[i].on) flags |= rules[i].mask;
            else flags &= ~rules[i].mask;
        }
        channel->flags = flags;
    }
    return (flags >> cls) & 1;
}

void dbg_log(struct dbg_channel *channel, enum dbg_class cls, const char *func, const char *fmt, ...)
{
    static const char *const names[] = { "err", "fixme", "warn", "trace" };
    char line[1024];
    int len;
    va_list args;

    len = snprintf(line, sizeof(line), "%04lx:%s:%s:%s ", GetCurrentThreadId(), names[cls], channel->name, func);
    va_start(args, fmt);
    if (len > 0 && len < (int)sizeof(line)) vsnprintf(line + len, sizeof(line) - len, fmt, args);
    va_end(args);
    /* One write per line keeps lines from different threads whole. */
    fputs(line, stderr);
    fflush(stderr);
}

/* Enough slots that the strings of one log line, even from several threads, stay intact. */
static char *ring_slot(void)
{
    static char ring[32][256];
    static LONG next;
    return ring[InterlockedIncrement(&next) & 31];
}

const char *dbgstr_w(const wchar_t *str)
{
    char *out;
    int i = 0;

    if (!str) return "(null)";
    if ((ULONG_PTR)str >> 16 == 0) { snprintf(out = ring_slot(), 256, "#%04x", (unsigned)(ULONG_PTR)str); return out; }
    out = ring_slot();
    out[i++] = 'L';
    out[i++] = '"';
    for (; *str && i < 250; str++)
        out[i++] = (*str >= 0x20 && *str < 0x7f && *str != '"') ? (char)*str : '?';
    out[i++] = '"';
    out[i] = 0;
    return out;
}

const char *dbgstr_a(const char *str)
{
    char *out;

    if (!str) return "(null)";
    if ((ULONG_PTR)str >> 16 == 0) { snprintf(out = ring_slot(), 256, "#%04x", (unsigned)(ULONG_PTR)str); return out; }
    snprintf(out = ring_slot(), 256, "\"%.250s\"", str);
    return out;
}
