/*
 * Debug output in Wine's style: TRACE/WARN/FIXME/ERR lines on stderr, per channel.
 *
 * Silent by default.  SECUR32_DEBUG switches classes on, with WINEDEBUG's syntax:
 *   SECUR32_DEBUG=+all              every class of every channel
 *   SECUR32_DEBUG=+sspi,warn+tls    all of "sspi", warnings of "tls"
 *   SECUR32_DEBUG=fixme+all,-sspi   FIXMEs everywhere, nothing from "sspi"
 * A line reads "<thread id>:<class>:<channel>:<function> <message>".
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSPI_DEBUG_H
#define SSPI_DEBUG_H

#include <stdarg.h>
#include <wchar.h>

enum dbg_class { DBG_CLASS_ERR, DBG_CLASS_FIXME, DBG_CLASS_WARN, DBG_CLASS_TRACE };

struct dbg_channel
{
    const char *name;
    volatile int flags;     /* bit per dbg_class; -1 until SECUR32_DEBUG has been read */
};

int dbg_enabled(struct dbg_channel *channel, enum dbg_class cls);
void dbg_log(struct dbg_channel *channel, enum dbg_class cls, const char *func, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Formats a wide string for a log line; the result lives in a small per-thread ring. */
const char *dbgstr_w(const wchar_t *str);
const char *dbgstr_a(const char *str);

#define DEFAULT_DEBUG_CHANNEL(ch) static struct dbg_channel dbg_default_channel = { #ch, -1 }

#define DBG_LOG(cls, ...) \
    do { if (dbg_enabled(&dbg_default_channel, cls)) \
             dbg_log(&dbg_default_channel, cls, __func__, __VA_ARGS__); } while (0)

#define TRACE(...) DBG_LOG(DBG_CLASS_TRACE, __VA_ARGS__)
#define WARN(...)  DBG_LOG(DBG_CLASS_WARN, __VA_ARGS__)
#define FIXME(...) DBG_LOG(DBG_CLASS_FIXME, __VA_ARGS__)
#define ERR(...)   DBG_LOG(DBG_CLASS_ERR, __VA_ARGS__)
#define TRACE_ON() dbg_enabled(&dbg_default_channel, DBG_CLASS_TRACE)

#endif /* SSPI_DEBUG_H */
