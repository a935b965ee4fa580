#!/usr/bin/env bash
# Installs the Debian packages Frugal needs at run time when they are missing and this user can (root + apt).
# Sourced by ./frugal and ./test.sh; prints what it does on stderr, never fails the caller.
frugal_ensure_packages() {
  local missing=()
  [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || missing+=(dataset-fashion-mnist)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "frugal: installing ${missing[*]} (Debian) ..." >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null 2>&1 \
      || echo "frugal: could not install ${missing[*]}; install it with: sudo apt-get install ${missing[*]}" >&2
  else
    echo "frugal: missing ${missing[*]}; install it with: sudo apt-get install ${missing[*]} (or pass --data DIR)" >&2
  fi
}
