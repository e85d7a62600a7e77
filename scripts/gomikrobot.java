///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS org.xerial:sqlite-jdbc:3.51.3.0
//DEPS com.fasterxml.jackson.core:jackson-core:2.20.1
//SOURCES ../src/main/java/gomikrobot/**.java
//FILES gomikrobot/=../src/main/resources/gomikrobot/**
//FILES web/=../web/**
//RUNTIME_OPTIONS --enable-native-access=ALL-UNNAMED

// Runs GoMikroBot from source with JBang, no Maven build needed:
//     jbang scripts/gomikrobot.java agent -m hi
//     jbang scripts/gomikrobot.java onboard
// The versions above are the ones in pom.xml (keep them in step). The version shows as "dev" here, because
// Maven fills it in only when it builds the jar.
// WhatsApp (cobalt) is not on this script's class path: cobalt's own pom depends on aspose-words, which is not
// on Maven Central, and JBang cannot exclude a transitive dependency. Use the jar for WhatsApp.
import gomikrobot.cli.Main;

class gomikrobot {
    public static void main(String[] args) {
        Main.main(args);
    }
}
