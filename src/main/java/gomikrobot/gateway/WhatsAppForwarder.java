package gomikrobot.gateway;

/**
 * Hands a web user's own input to their linked WhatsApp chat (contract §3.3 step 2), applying the channel's
 * rules: silent mode on and {@code forceSend} off → not sent ({@code suppressed}); silent on and force on →
 * sent at once, waiting at most 30 s ({@code sent} or {@code error}); silent off → queued for the WhatsApp
 * channel's outbound ({@code queued}). Implemented by the WhatsApp channel.
 */
@FunctionalInterface
public interface WhatsAppForwarder {
    String SENT = "sent";
    String ERROR = "error";
    String QUEUED = "queued";
    String SUPPRESSED = "suppressed";

    /**
     * @param jid     the normalised WhatsApp JID of the link
     * @param traceId the web chat's trace, carried by a queued message
     * @return one of {@link #SENT}, {@link #ERROR}, {@link #QUEUED}, {@link #SUPPRESSED}
     */
    String forward(String jid, String text, boolean forceSend, boolean silent, String traceId);
}
