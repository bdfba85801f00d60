# Programs built on the public SSPI only, so each runs against any secur32.dll.
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later

bin_PROGRAMS = programs/sspi-packages
programs_sspi_packages_SOURCES = programs/sspi-packages.c
programs_sspi_packages_LDADD = -lsecur32
