# Sourced by the benchmarks run as users run them (start-bench.sh, cold-bench.sh).

# bench_project FOLDER VERSION CONFIGURATION: a project that declares the plugin with that <configuration> content.
bench_project() {
  mkdir -p "$1"
  cat > "$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>bench</artifactId>
  <version>1.0-SNAPSHOT</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.github.pgreset</groupId>
        <artifactId>pgreset-maven-plugin</artifactId>
        <version>$2</version>
        <configuration>$3</configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
}

# The median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
