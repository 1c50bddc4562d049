"""The JVM behind ``effdyn``: started once per process, on the project's jar and JPype's own jar.

The class path is ``EFFDYN_JAR`` if set, else ``target/effdyn-cli.jar`` of the repository this package
lives in (build it with ``mvn -q -DskipTests package`` or by running ``./effdyn`` once), plus JPype's
``org.jpype.jar`` (``EFFDYN_JPYPE_JAR``, else Debian's ``/usr/share/java/org.jpype.jar``, else the one
in the jpype package). ``EFFDYN_JVM_OPTIONS`` adds JVM options (space-separated, e.g. ``-Xmx4g``).
"""

import os

import jpype  # noqa: F401  (effdyn.overhead uses _jvm.jpype)
import jpype.imports  # noqa: F401  (enables ``from org.effdyn... import ...`` after start)

#: How many times this process started the JVM (at most 1: JPype cannot restart it).
starts = 0

_HERE = os.path.dirname(os.path.abspath(__file__))
_REPO = os.path.dirname(os.path.dirname(_HERE))


def project_jar():
    """The EffDyn jar on the class path (raises FileNotFoundError with the build command if missing)."""
    jar = os.environ.get("EFFDYN_JAR") or os.path.join(_REPO, "target", "effdyn-cli.jar")
    if not os.path.isfile(jar):
        raise FileNotFoundError(f"EffDyn jar not found: {jar}; build it with `mvn -q -DskipTests package` "
                                f"in {_REPO} (or set EFFDYN_JAR)")
    return jar


def jpype_jar():
    """JPype's support jar, or None if JPype finds its own."""
    candidates = [os.environ.get("EFFDYN_JPYPE_JAR"), "/usr/share/java/org.jpype.jar",
                  os.path.join(os.path.dirname(jpype.__file__), "..", "org.jpype.jar")]
    for c in candidates:
        if c and os.path.isfile(c):
            return os.path.abspath(c)
    return None


def start():
    """Starts the JVM if it is not running (idempotent; a JVM started by the caller is reused if it
    has EffDyn on its class path)."""
    global starts
    if jpype.isJVMStarted():
        return
    cp = [project_jar()]
    extra = jpype_jar()
    if extra:
        cp.append(extra)
    options = ["-Djava.awt.headless=true"] + os.environ.get("EFFDYN_JVM_OPTIONS", "").split()
    jpype.startJVM(*options, classpath=cp, convertStrings=False)
    starts += 1


def jclass(name):
    """A Java class by its full name, starting the JVM first."""
    start()
    return jpype.JClass(name)
