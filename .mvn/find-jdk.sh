# Sourced by ./mvnw and ./canary: export JAVA_HOME pointing at a JDK >= 21 so a new user never sets it.
# Order: JAVA_HOME if new enough, else `javac` on PATH if new enough, else the newest JDK under the
# usual install locations (or the directories in CANARY_JDK_DIRS, space-separated, when set).
# Exits with a one-line message when there is none.
# shellcheck shell=sh

canary_jdk_feature() { # prints the feature version (17, 21, 25...) of the JDK at $1, or 0
  [ -x "$1/bin/javac" ] && [ -x "$1/bin/java" ] || { echo 0; return; }
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

canary_find_jdk() { # runs in a subshell: globbing on even when the caller (mvnw) runs with set -f
  set +f
  want=21
  if [ -n "${JAVA_HOME-}" ] && [ "$(canary_jdk_feature "$JAVA_HOME")" -ge "$want" ] 2>/dev/null; then
    echo "$JAVA_HOME"; return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(canary_jdk_feature "$home")" -ge "$want" ] 2>/dev/null; then echo "$home"; return 0; fi
  fi
  best=; best_feature=0
  dirs=${CANARY_JDK_DIRS:-/usr/lib/jvm /usr/java /opt/java /opt ${HOME:-/root}/.sdkman/candidates/java ${HOME:-/root}/.jdks}
  for home in $(for d in $dirs; do echo "$d"/*; done) /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$home" ] || continue
    feature=$(canary_jdk_feature "$home")
    if [ "${feature:-0}" -gt "$best_feature" ] 2>/dev/null; then best=$home; best_feature=$feature; fi
  done
  if [ "$best_feature" -ge "$want" ]; then echo "$best"; return 0; fi
  return 1
}

if CANARY_JDK=$(canary_find_jdk); then
  JAVA_HOME=$CANARY_JDK
  export JAVA_HOME
else
  echo "canary: needs a JDK 21 or newer and found none (looked at JAVA_HOME, javac on PATH, ${CANARY_JDK_DIRS:-/usr/lib/jvm and the usual places}): install one or set JAVA_HOME" >&2
  exit 1
fi
