package gomikrobot.policy;

/**
 * Where the policy engine asks the owner about a call above what its sender may run by themselves: the gateway's
 * {@code approval.Approvals}. {@link #ask} blocks the calling session until the owner answers or the wait ends,
 * and never longer than its own timeout; other sessions are not held up.
 */
@FunctionalInterface
public interface OwnerApproval {
    /** For processes without a gateway: nobody can be asked, so the call is denied as before approvals existed. */
    OwnerApproval NOBODY = question -> new OwnerAnswer.Unavailable();

    /** @throws InterruptedException when the wait is cut short (the gateway stops); the call must not run */
    OwnerAnswer ask(OwnerQuestion question) throws InterruptedException;
}
