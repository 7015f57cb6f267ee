#!/usr/bin/env bash
# Installs the system packages Skiff and its tests need, only those missing.
# Idempotent; runs apt-get update at most once per call.
set -euo pipefail

need=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }

have_cmd etcd || need+=(etcd-server)
have_cmd etcdctl || need+=(etcd-client)
# The kubelet's runtime: containerd + runc, the CNI plugins, catatonit for the pause image,
# busybox-static as the base of the test images and docker-registry for tests that pull.
have_cmd containerd || need+=(containerd)
have_cmd runc || need+=(runc)
[ -x /usr/lib/cni/bridge ] || need+=(containernetworking-plugins)
have_cmd catatonit || need+=(catatonit)
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
have_cmd docker-registry || need+=(docker-registry)
have_cmd iptables || need+=(iptables)
# ip(8) creates and removes the pod bridges the kubelet and its tests use.
have_cmd ip || need+=(iproute2)
# The E2E exec -it test gives kubectl a terminal through util-linux's script.
have_cmd script || need+=(bsdutils)

if [ ${#need[@]} -gt 0 ]; then
  echo "install-deps: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Debian's etcd-server package enables a system service; Skiff and its tests start their own.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet etcd 2>/dev/null; then
  systemctl stop etcd || true
fi
# Same for containerd and docker-registry: skiff runs its own containerd, tests their own registry.
for svc in containerd docker-registry; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    systemctl stop "$svc" || true
  fi
done

have_cmd dotnet || { echo "install-deps: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
