///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS org.xerial:sqlite-jdbc:3.51.3.0
//DEPS com.fasterxml.jackson.core:jackson-core:2.20.1
//SOURCES ../src/main/java/gomikrobot/agent/**.java
//SOURCES ../src/main/java/gomikrobot/approval/**.java
//SOURCES ../src/main/java/gomikrobot/backup/**.java
//SOURCES ../src/main/java/gomikrobot/bus/**.java
//SOURCES ../src/main/java/gomikrobot/cli/**.java
//SOURCES ../src/main/java/gomikrobot/config/**.java
//SOURCES ../src/main/java/gomikrobot/delivery/**.java
//SOURCES ../src/main/java/gomikrobot/files/**.java
//SOURCES ../src/main/java/gomikrobot/gateway/**.java
//SOURCES ../src/main/java/gomikrobot/git/**.java
//SOURCES ../src/main/java/gomikrobot/group/*.java
//SOURCES ../src/main/java/gomikrobot/json/**.java
//SOURCES ../src/main/java/gomikrobot/media/**.java
//SOURCES ../src/main/java/gomikrobot/memory/**.java
//SOURCES ../src/main/java/gomikrobot/observe/**.java
//SOURCES ../src/main/java/gomikrobot/policy/**.java
//SOURCES ../src/main/java/gomikrobot/process/**.java
//SOURCES ../src/main/java/gomikrobot/provider/**.java
//SOURCES ../src/main/java/gomikrobot/scheduler/**.java
//SOURCES ../src/main/java/gomikrobot/session/**.java
//SOURCES ../src/main/java/gomikrobot/timeline/**.java
//SOURCES ../src/main/java/gomikrobot/tools/**.java
//SOURCES ../src/main/java/gomikrobot/channels/*.java
//SOURCES ../src/main/java/gomikrobot/channels/access/*.java
//SOURCES ../src/main/java/gomikrobot/channels/telegram/*.java
//SOURCES ../src/main/java/gomikrobot/channels/whatsapp/*.java
//FILES gomikrobot/=../src/main/resources/gomikrobot/**
//FILES db/=../src/main/resources/db/**
//FILES web/=../web/**
//FILES META-INF/services/gomikrobot.channels.ChannelPlugin=../src/main/resources/META-INF/services/gomikrobot.channels.ChannelPlugin
//RUNTIME_OPTIONS --enable-native-access=ALL-UNNAMED

// Runs GoMikroBot from source with JBang, no Maven build needed:
//     jbang scripts/gomikrobot.java agent -m hi
//     jbang scripts/gomikrobot.java onboard
// The versions above are the ones in pom.xml (keep them in step). The version shows as "dev" here, because
// Maven fills it in only when it builds the jar.
// WhatsApp (cobalt) is not on this script's class path: cobalt's own pom depends on aspose-words, which is not
// on Maven Central, and JBang cannot exclude a transitive dependency. So the sources above leave out
// channels/whatsapp/cobalt, the only code that uses it; with WhatsApp enabled the gateway says so plainly.
// Use the jar for WhatsApp.
import gomikrobot.cli.Main;

class gomikrobot {
    public static void main(String[] args) {
        Main.main(args);
    }
}
