# Shared settings for the project scripts; sourced, not run.
# shellcheck shell=bash

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROJECT=libvirt-accel-smmuv3

# shellcheck source=../upstream.conf
. "$TOP/upstream.conf"

CACHE_DIR=${XDG_CACHE_HOME:-$HOME/.cache}/$PROJECT
ORIG_TARBALL=$CACHE_DIR/${PACKAGE}_${VERSION}.orig.tar.xz
WORK_DIR=${WORK_DIR:-$TOP/work}
SRC_DIR=$WORK_DIR/libvirt
BUILD_DIR=$SRC_DIR/build
PATCH_DIR=${PATCH_DIR:-$TOP/patches}
BASE_TAG=base

die() {
    echo "${0##*/}: error: $*" >&2
    exit 1
}

say() {
    echo "${0##*/}: $*" >&2
}

# Run as root or through sudo, whichever this machine offers.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo "$@"
    fi
}

# Install Debian packages that are not installed yet, with one apt-get call.
ensure_packages() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
            missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    as_root apt-get update -qq >/dev/null ||
        die "apt-get update failed"
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
        die "could not install ${missing[*]}"
}
