#!/usr/bin/env bash
# Builds the small OCI images the kubelet tests run, from Debian's busybox-static, without docker:
# layer tars, config and manifest are written by hand. Optionally runs Debian's docker-registry on
# loopback and pushes the images to it over the registry HTTP API.
#
#   build-test-images.sh build [OUT]                 images into OUT (default $SKIFF_TEST_IMAGES or /var/tmp/skiff-test-images):
#                                                    OUT/archives/<name>.tar (OCI archive, for ctr import
#                                                    or <data-dir>/agent/images) and OUT/layout (OCI layout)
#   build-test-images.sh push HOST:PORT [OUT]        pushes every image as HOST:PORT/skiff-test/<name>:1
#   build-test-images.sh start-registry DIR [PORT]   starts docker-registry on 127.0.0.1:PORT (default 5000)
#                                                    with its config and storage under DIR, then pushes
#                                                    (SKIFF_REGISTRY_AUTH=user:password: the registry demands
#                                                    those credentials, htpasswd with bcrypt via perl's crypt)
#   build-test-images.sh stop-registry DIR           stops the registry start-registry started in DIR
#
# Images: skiff-test/shell:1 (sh, sleep; waits until stopped), skiff-test/httpd:1 (answers with its
# hostname on port 8080), skiff-test/exit:1 (exits with $EXIT_CODE after $SLEEP seconds),
# skiff-test/memhog:1 (grows its resident memory until killed). Building is skipped when OUT already
# holds images built from the same busybox and the same version of this script.
set -euo pipefail

IMAGES=(shell httpd exit memhog)
TAG=1
DEFAULT_OUT=${SKIFF_TEST_IMAGES:-/var/tmp/skiff-test-images}
BUSYBOX=/bin/busybox

die() { echo "build-test-images: $*" >&2; exit 1; }

# curl options for every registry request: credentials when the registry demands them.
CURL_AUTH=()
[ -n "${SKIFF_REGISTRY_AUTH:-}" ] && CURL_AUTH=(-u "$SKIFF_REGISTRY_AUTH")

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# Stores a file as a blob of the OCI layout and prints its digest (sha256:...).
add_blob() {
  local file=$1 layout=$2 hex
  hex=$(sha256_of "$file")
  mkdir -p "$layout/blobs/sha256"
  [ -f "$layout/blobs/sha256/$hex" ] || cp "$file" "$layout/blobs/sha256/$hex"
  echo "sha256:$hex"
}

# A reproducible tar of a directory: fixed owner, mode bits as they are, mtime 0, sorted names.
make_layer() {
  local dir=$1 tarball=$2
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 --format=posix \
      --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
      -C "$dir" -cf "$tarball" .
}

write_base_rootfs() {
  local root=$1 applet
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/root" "$root/var/www"
  chmod 1777 "$root/tmp"
  cp "$BUSYBOX" "$root/bin/busybox"
  for applet in $("$BUSYBOX" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$root/etc/group"
}

# Each image adds one script, /bin/<name>-entrypoint, on top of the shared busybox layer.
# PID 1 in a container ignores signals it has no handler for, so every entrypoint traps TERM itself;
# otherwise a pod deletion would always wait out the grace period.
write_entrypoint() {
  local name=$1 file=$2
  case $name in
    shell) cat >"$file" <<'EOF'
#!/bin/sh
# With arguments, run them; without, wait until stopped.
[ $# -gt 0 ] && exec "$@"
trap 'exit 0' TERM INT
sleep 2147483647 &
wait
EOF
    ;;
    httpd) cat >"$file" <<'EOF'
#!/bin/sh
# Serves "<hostname>\n" at / on ${PORT:-8080}.
mkdir -p /tmp/www
hostname >/tmp/www/index.html
httpd -f -p "${PORT:-8080}" -h /tmp/www &
trap 'kill $! 2>/dev/null; exit 0' TERM INT
echo "serving $(hostname) on port ${PORT:-8080}"
wait
EOF
    ;;
    exit) cat >"$file" <<'EOF'
#!/bin/sh
# Sleeps ${SLEEP:-0} seconds, then exits with ${EXIT_CODE:-0}.
trap 'exit 143' TERM INT
sleep "${SLEEP:-0}" &
wait
echo "exiting with ${EXIT_CODE:-0}"
exit "${EXIT_CODE:-0}"
EOF
    ;;
    memhog) cat >"$file" <<'EOF'
#!/bin/sh
# Appends 16 MiB to a shell variable at a time, so resident memory grows until the kernel kills us.
trap 'exit 0' TERM INT
chunk=$(head -c 1048576 /dev/zero | tr '\0' x)
i=0
while [ $i -lt 4 ]; do chunk="$chunk$chunk"; i=$((i + 1)); done
data=""
n=0
echo "allocating"
while :; do
  data="$data$chunk"
  n=$((n + 16))
  echo "allocated ${n} MiB"
done
EOF
    ;;
    *) die "unknown image $name" ;;
  esac
  chmod 0755 "$file"
}

build_image() {
  local name=$1 out=$2 work=$3 base_tar=$4 base_diff=$5 base_digest=$6 base_size=$7
  local layout="$out/layout" root="$work/$name" layer="$work/$name.tar" config="$work/$name.config.json"
  local manifest="$work/$name.manifest.json" diff digest size config_digest config_size manifest_digest manifest_size
  local exposed=""

  mkdir -p "$root/bin"
  write_entrypoint "$name" "$root/bin/$name-entrypoint"
  make_layer "$root" "$layer"
  diff="sha256:$(sha256_of "$layer")"
  gzip -n -9 -c "$layer" >"$layer.gz"
  digest=$(add_blob "$layer.gz" "$layout")
  size=$(stat -c %s "$layer.gz")

  [ "$name" = httpd ] && exposed=',"ExposedPorts":{"8080/tcp":{}}'
  printf '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Entrypoint":["/bin/%s-entrypoint"],"WorkingDir":"/"%s},"rootfs":{"type":"layers","diff_ids":["%s","%s"]},"history":[{"created_by":"busybox-static"},{"created_by":"skiff build-test-images.sh %s"}]}' \
    "$name" "$exposed" "$base_diff" "$diff" "$name" >"$config"
  config_digest=$(add_blob "$config" "$layout")
  config_size=$(stat -c %s "$config")

  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%s},{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%s}]}' \
    "$config_digest" "$config_size" "$base_digest" "$base_size" "$digest" "$size" >"$manifest"
  manifest_digest=$(add_blob "$manifest" "$layout")
  manifest_size=$(stat -c %s "$manifest")
  echo "$manifest_digest $manifest_size" >"$out/$name.manifest"

  # The archive: an OCI layout of this one image. io.containerd.image.name names it for
  # `ctr images import` with the same reference the registry serves, so a pod finds it either way;
  # ref.name is the tag as the OCI image layout spec puts it.
  local archive_dir="$work/$name.archive"
  mkdir -p "$archive_dir/blobs/sha256"
  for blob in "$base_digest" "$digest" "$config_digest" "$manifest_digest"; do
    cp "$layout/blobs/sha256/${blob#sha256:}" "$archive_dir/blobs/sha256/"
  done
  printf '{"imageLayoutVersion":"1.0.0"}' >"$archive_dir/oci-layout"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%s,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"io.containerd.image.name":"localhost:5000/skiff-test/%s:%s","org.opencontainers.image.ref.name":"%s"}}]}' \
    "$manifest_digest" "$manifest_size" "$name" "$TAG" "$TAG" >"$archive_dir/index.json"
  mkdir -p "$out/archives"
  make_layer "$archive_dir" "$out/archives/$name.tar"
}

build() {
  local out=${1:-$DEFAULT_OUT} stamp want work
  [ -x "$BUSYBOX" ] && "$BUSYBOX" --list >/dev/null 2>&1 || die "$BUSYBOX is missing: install the Debian package busybox-static"
  want="$(sha256_of "$BUSYBOX") $(sha256_of "${BASH_SOURCE[0]}")"
  stamp="$out/.built"
  # Tests build in parallel; one builds, the others wait and then find the stamp.
  mkdir -p "$(dirname "$out")"
  exec 9>"$out.lock"
  flock 9
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exec 9>&-
    echo "$out"
    return
  fi

  rm -rf "$out"
  mkdir -p "$out/layout"
  work=$(mktemp -d)

  write_base_rootfs "$work/base"
  make_layer "$work/base" "$work/base.tar"
  local base_diff="sha256:$(sha256_of "$work/base.tar")"
  gzip -n -9 -c "$work/base.tar" >"$work/base.tar.gz"
  local base_digest base_size
  base_digest=$(add_blob "$work/base.tar.gz" "$out/layout")
  base_size=$(stat -c %s "$work/base.tar.gz")

  local name
  for name in "${IMAGES[@]}"; do
    build_image "$name" "$out" "$work" "$work/base.tar" "$base_diff" "$base_digest" "$base_size"
  done
  rm -rf "$work"
  echo "$want" >"$stamp"
  exec 9>&-
  echo "$out"
}

# Uploads one blob unless the repository has it already (POST opens an upload, PUT completes it).
push_blob() {
  local registry=$1 repo=$2 digest=$3 file=$4 location
  if curl "${CURL_AUTH[@]}" -fsS -o /dev/null -I "http://$registry/v2/$repo/blobs/$digest" 2>/dev/null; then
    return
  fi
  location=$(curl "${CURL_AUTH[@]}" -fsS -X POST -D - -o /dev/null "http://$registry/v2/$repo/blobs/uploads/" \
    | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  [ -n "$location" ] || die "registry $registry did not open an upload for $repo"
  case $location in
    http*) ;;
    *) location="http://$registry$location" ;;
  esac
  case $location in
    *\?*) location="$location&digest=$digest" ;;
    *) location="$location?digest=$digest" ;;
  esac
  curl "${CURL_AUTH[@]}" -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$file" -o /dev/null "$location" \
    || die "uploading $digest to $registry/$repo failed"
}

push() {
  local registry=${1:?registry HOST:PORT} out=${2:-$DEFAULT_OUT} name repo manifest_digest blob
  build "$out" >/dev/null
  for name in "${IMAGES[@]}"; do
    repo="skiff-test/$name"
    read -r manifest_digest _ <"$out/$name.manifest"
    local manifest="$out/layout/blobs/sha256/${manifest_digest#sha256:}"
    for blob in $(grep -o 'sha256:[0-9a-f]\{64\}' "$manifest"); do
      push_blob "$registry" "$repo" "$blob" "$out/layout/blobs/sha256/${blob#sha256:}"
    done
    curl "${CURL_AUTH[@]}" -fsS -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' \
      --data-binary "@$manifest" -o /dev/null "http://$registry/v2/$repo/manifests/$TAG" \
      || die "pushing the manifest of $repo:$TAG to $registry failed"
  done
}

start_registry() {
  local dir=${1:?registry directory} port=${2:-5000} pid
  command -v docker-registry >/dev/null || die "docker-registry is missing: install the Debian package docker-registry"
  mkdir -p "$dir/storage"
  dir=$(cd "$dir" && pwd)
  if [ -f "$dir/registry.pid" ] && kill -0 "$(cat "$dir/registry.pid")" 2>/dev/null; then
    push "127.0.0.1:$port"
    echo "127.0.0.1:$port"
    return
  fi
  cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
  if [ -n "${SKIFF_REGISTRY_AUTH:-}" ]; then
    local user=${SKIFF_REGISTRY_AUTH%%:*} salt
    salt=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 22)
    # docker-registry's htpasswd accepts bcrypt only; perl's crypt goes to libxcrypt, which has it.
    USER_PW="${SKIFF_REGISTRY_AUTH#*:}" SALT="$salt" perl -e 'print crypt($ENV{USER_PW}, "\$2y\$05\$" . $ENV{SALT}), "\n"' \
      | sed "s/^/$user:/" >"$dir/htpasswd"
    printf 'auth:\n  htpasswd:\n    realm: skiff-test\n    path: %s\n' "$dir/htpasswd" >>"$dir/config.yml"
  fi
  docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$dir/registry.pid"
  for _ in $(seq 1 100); do
    if curl "${CURL_AUTH[@]}" -fsS -o /dev/null "http://127.0.0.1:$port/v2/" 2>/dev/null; then
      push "127.0.0.1:$port"
      echo "127.0.0.1:$port"
      return
    fi
    kill -0 "$pid" 2>/dev/null || die "docker-registry exited: $(tail -n 5 "$dir/registry.log")"
    sleep 0.1
  done
  die "docker-registry did not answer on 127.0.0.1:$port"
}

stop_registry() {
  local dir=${1:?registry directory} pid
  [ -f "$dir/registry.pid" ] || return 0
  pid=$(cat "$dir/registry.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$dir/registry.pid"
}

case ${1:-build} in
  build) build "${2:-$DEFAULT_OUT}" ;;
  push) push "${2:-}" "${3:-$DEFAULT_OUT}" ;;
  start-registry) start_registry "${2:-}" "${3:-5000}" ;;
  stop-registry) stop_registry "${2:-}" ;;
  *) die "usage: $0 build [OUT] | push HOST:PORT [OUT] | start-registry DIR [PORT] | stop-registry DIR" ;;
esac
