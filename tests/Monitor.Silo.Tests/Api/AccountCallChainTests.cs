using Monitor.Import;
using Xunit;

namespace Monitor.Silo.Tests.Api;

public sealed class AccountCallChainTests
{
    [Fact]
    public async Task An_accounts_call_starts_after_its_previous_one_succeeded_and_other_accounts_do_not_wait()
    {
        var chain = new AccountCallChain();
        var first = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new List<string>();

        var a1 = chain.Then("x:1", () => { started.Add("a1"); return first.Task; });
        var a2 = chain.Then("x:1", () => { started.Add("a2"); return Task.FromResult(2); });
        var b1 = chain.Then("x:2", () => { started.Add("b1"); return Task.FromResult(3); });

        Assert.Equal(["a1", "b1"], started);
        Assert.False(a2.IsCompleted);
        Assert.Equal(3, await b1);

        first.SetResult(1);
        Assert.Equal(2, await a2);
        Assert.Equal(1, await a1);
        Assert.Equal(["a1", "b1", "a2"], started);
    }

    [Fact]
    public async Task After_a_failed_call_the_accounts_later_calls_fail_with_its_error_without_running()
    {
        var chain = new AccountCallChain();
        var first = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var laterRan = false;

        var a1 = chain.Then("x:1", () => first.Task);
        var a2 = chain.Then("x:1", () => { laterRan = true; return Task.FromResult(2); });
        var a3 = chain.Then("x:1", () => { laterRan = true; return Task.FromResult(3); });
        first.SetException(new InvalidOperationException("log unavailable"));

        Assert.Equal("log unavailable", (await Assert.ThrowsAsync<InvalidOperationException>(() => a2)).Message);
        Assert.Equal("log unavailable", (await Assert.ThrowsAsync<InvalidOperationException>(() => a3)).Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => a1);
        Assert.False(laterRan);
    }
}
