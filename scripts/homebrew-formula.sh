#!/usr/bin/env bash
# Prints the Homebrew formula for a release: the macOS archives (arm64, x86_64) and, for
# Homebrew on Linux, the static musl ones (they run on any glibc), each with its SHA-256 from
# the release's SHA256SUMS. The release workflow commits it to the tap as
# Formula/courier-token.rb. Usage: scripts/homebrew-formula.sh VERSION OWNER/REPO SHA256SUMS
set -euo pipefail
version="${1:?usage: scripts/homebrew-formula.sh VERSION OWNER/REPO SHA256SUMS}"
repo="${2:?usage: scripts/homebrew-formula.sh VERSION OWNER/REPO SHA256SUMS}"
sums="${3:?usage: scripts/homebrew-formula.sh VERSION OWNER/REPO SHA256SUMS}"

archive() { echo "courier-token-v$version-$1.tar.gz"; }
checksum() {
  local file value
  file="$(archive "$1")"
  value="$(awk -v file="$file" '$2 == file || $2 == "*" file { print $1 }' "$sums")"
  if ! [[ "$value" =~ ^[0-9a-f]{64}$ ]]; then
    echo "homebrew-formula: no SHA-256 for $file in $sums" >&2
    exit 2
  fi
  echo "$value"
}
# Each sum read before the formula is printed, so a missing one stops the script.
mac_arm="$(checksum aarch64-apple-darwin)"
mac_intel="$(checksum x86_64-apple-darwin)"
linux_arm="$(checksum aarch64-unknown-linux-musl)"
linux_intel="$(checksum x86_64-unknown-linux-musl)"
base="https://github.com/$repo/releases/download/v$version"

cat <<FORMULA
class CourierToken < Formula
  desc "Mint, verify, sign and explain Courier Inbox authentication tokens"
  homepage "https://github.com/$repo"
  version "$version"
  license "MIT"

  on_macos do
    on_arm do
      url "$base/$(archive aarch64-apple-darwin)"
      sha256 "$mac_arm"
    end
    on_intel do
      url "$base/$(archive x86_64-apple-darwin)"
      sha256 "$mac_intel"
    end
  end

  on_linux do
    on_arm do
      url "$base/$(archive aarch64-unknown-linux-musl)"
      sha256 "$linux_arm"
    end
    on_intel do
      url "$base/$(archive x86_64-unknown-linux-musl)"
      sha256 "$linux_intel"
    end
  end

  def install
    bin.install "courier-token"
    man1.install Dir["man/*.1"]
    bash_completion.install "completions/courier-token.bash" => "courier-token"
    zsh_completion.install "completions/_courier-token"
    fish_completion.install "completions/courier-token.fish"
  end

  test do
    assert_match version.to_s, shell_output("#{bin}/courier-token --version")
    ENV["COURIER_API_KEY"] = "sk_test_brew"
    token = shell_output("#{bin}/courier-token issue --user-id u --now 1714564800 --jti brew").strip
    system bin/"courier-token", "verify", "--now", "1714564800", token
  end
end
FORMULA
