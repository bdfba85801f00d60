/*
 * Policy-change notifications.  The policy the notifications report (audit, domain, DNS domain,
 * Kerberos ticket and EFS settings) is held by a real LSA (on Windows they go to it through
 * sspicli); hosted here it never changes, so a registered event is accepted and never signalled.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

static NTSTATUS check_notification(POLICY_NOTIFICATION_INFORMATION_CLASS cls, HANDLE event)
{
    if (cls < PolicyNotifyAuditEventsInformation || cls >= PolicyNotifyMax)
        return STATUS_INVALID_PARAMETER;
    if (!event || event == INVALID_HANDLE_VALUE) return STATUS_INVALID_HANDLE;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI LsaRegisterPolicyChangeNotification(POLICY_NOTIFICATION_INFORMATION_CLASS cls, HANDLE event)
{
    TRACE("%d %p\n", cls, event);
    LSA_FORWARD(NTSTATUS, LsaRegisterPolicyChangeNotification, cls, event);
    return check_notification(cls, event);
}

NTSTATUS WINAPI LsaUnregisterPolicyChangeNotification(POLICY_NOTIFICATION_INFORMATION_CLASS cls, HANDLE event)
{
    TRACE("%d %p\n", cls, event);
    LSA_FORWARD(NTSTATUS, LsaUnregisterPolicyChangeNotification, cls, event);
    return check_notification(cls, event);
}
