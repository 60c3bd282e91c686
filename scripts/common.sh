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

# The Debian archive this machine's apt uses (not -updates or -security).
debian_mirror() {
    apt-get indextargets --format '$(TARGET_OF) $(RELEASE) $(REPO_URI)' |
        awk '$1 == "deb" && $2 !~ /-/ { print $3; found = 1; exit } END { exit !found }'
}

# The scripts that mount refuse paths /proc/mounts would escape.
check_mount_path() {
    case $1 in
        *[[:space:]\\]*) die "'$1' has white space or a backslash; use a path without";;
    esac
}

# Unmount everything mounted at or below a directory, deepest first.
unmount_under() {
    local dir m
    dir=$(realpath -m "$1")
    check_mount_path "$dir"
    awk -v r="$dir" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/mounts |
        LC_ALL=C sort -r | while read -r m; do
            as_root umount -l "$m" 2>/dev/null || true
        done
}

# Kill every process whose root directory is the given one (a chroot).
kill_in_root() {
    local dir p
    dir=$(realpath -m "$1")
    for p in /proc/[0-9]*; do
        [ "$(as_root readlink "$p/root" 2>/dev/null)" = "$dir" ] &&
            as_root kill -KILL "${p#/proc/}" 2>/dev/null
    done
    return 0
}

# Mount /proc, /sys, /dev and /dev/pts in a root file system for chroot use,
# and bind the given host directories at the same paths inside it.
mount_root() {
    local root=$1 d
    shift
    check_mount_path "$root"
    as_root mount -t proc proc "$root/proc"
    as_root mount -t sysfs sysfs "$root/sys"
    as_root mount --bind /dev "$root/dev"
    as_root mount --bind /dev/pts "$root/dev/pts"
    for d in "$@"; do
        as_root mkdir -p "$root$d"
        as_root mount --bind "$d" "$root$d"
    done
}

# Run a command in a root file system, with a clean environment, within
# IN_ROOT_TIMEOUT seconds if set. IN_ROOT_ENV may name more VAR=VALUE.
in_root() {
    local root=$1
    shift
    as_root timeout --kill-after=30 "${IN_ROOT_TIMEOUT:-0}" chroot "$root" /usr/bin/env -i \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME="${IN_ROOT_HOME:-/root}" LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
        ${IN_ROOT_ENV:-} "$@"
}

# Set up a private apt configuration (sources, state and cache under the
# project's cache directory) with deb-src lines for $SUITES, built from the
# archive URIs this machine's apt already uses, and update it. The machine's
# own apt setup is not touched. Sets APT_DIR, APT_URIS and APT_CONFIG.
private_apt() {
    APT_DIR=$CACHE_DIR/apt
    mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" \
             "$APT_DIR/download" "$APT_DIR/sources.list.d"

    # The Debian archives the machine is configured for (not -updates/-security).
    mapfile -t APT_URIS < <(apt-get indextargets --format '$(TARGET_OF) $(RELEASE) $(REPO_URI)' |
                            awk '$1 == "deb" && $2 !~ /-/ { print $3 }' | sort -u)
    [ ${#APT_URIS[@]} -gt 0 ] ||
        die "no Debian archive configured in apt to derive deb-src lines from"

    local keyring=/usr/share/keyrings/debian-archive-keyring.gpg uri
    : > "$APT_DIR/sources.list"
    for uri in "${APT_URIS[@]}"; do
        echo "deb-src [signed-by=$keyring] $uri $SUITES main" >> "$APT_DIR/sources.list"
    done

    cat > "$APT_DIR/apt.conf" <<EOC
Dir::Etc::SourceList "$APT_DIR/sources.list";
Dir::Etc::SourceParts "$APT_DIR/sources.list.d";
Dir::State::Lists "$APT_DIR/lists";
Dir::Cache "$APT_DIR/cache";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::Check-Valid-Until "false";
Acquire::Languages "none";
APT::Get::List-Cleanup "false";
APT::Sandbox::User "root";
EOC
    export APT_CONFIG=$APT_DIR/apt.conf

    apt-get update -qq >"$APT_DIR/update.log" 2>&1 ||
        die "apt-get update for deb-src $SUITES failed (no network?); see $APT_DIR/update.log"
}

# fetch_source_file FILE SHA256 DEST: download FILE of the $PACKAGE source
# package $SOURCE_VERSION through the private apt configuration, check that
# apt lists it with that SHA256 and that the download has it, and move it to
# DEST.
fetch_source_file() {
    local file=$1 want=$2 dest=$3 dir sha tmp uri
    private_apt
    # From the stanza of the version that lists the file: its directory and
    # SHA256.
    read -r dir sha < <(apt-cache showsrc "$PACKAGE" 2>/dev/null | awk -v f="$file" '
        /^$/ { dir = ""; insha = 0 }
        /^Directory:/ { dir = $2 }
        /^[A-Za-z0-9-]+:/ { insha = ($1 == "Checksums-Sha256:") }
        insha && $3 == f { sha = $1 }
        sha != "" && dir != "" { print dir, sha; exit }') ||
        die "$file not found in the deb-src $SUITES indices of $PACKAGE"

    [ "$sha" = "$want" ] ||
        die "apt lists $file with SHA256 $sha, upstream.conf pins $want"

    tmp=$APT_DIR/download/$file
    rm -f "$tmp"
    for uri in "${APT_URIS[@]}"; do
        if /usr/lib/apt/apt-helper download-file "${uri%/}/$dir/$file" "$tmp" \
                "SHA256:$want" >"$APT_DIR/download.log" 2>&1; then
            break
        fi
        rm -f "$tmp"
    done
    if ! [ -f "$tmp" ] || ! echo "$want  $tmp" | sha256sum --quiet -c - >/dev/null 2>&1; then
        rm -f "$tmp"
        die "could not download $file with SHA256 $want; see $APT_DIR/download.log"
    fi
    mv "$tmp" "$dest"
}

# Remove a root file system, after making sure nothing is mounted in it any
# more (a bind mount of the checkout would otherwise be deleted with it).
remove_root() {
    local dir cache
    dir=$(realpath -m "$1")
    cache=$(realpath -m "$CACHE_DIR")
    case $dir in
        "$cache"/?*) ;;
        *) die "not removing $dir: it is not under $cache";;
    esac
    kill_in_root "$dir"
    unmount_under "$dir"
    if awk -v r="$dir" '$2 == r || index($2, r "/") == 1 { found = 1 } END { exit !found }' /proc/mounts; then
        die "$dir still has mounts; not removing it"
    fi
    as_root rm -rf "$dir"
}
