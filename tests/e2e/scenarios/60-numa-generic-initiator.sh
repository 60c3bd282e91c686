# The Grace guest's NUMA layout on a small scale: one node with the CPU and
# all memory, two memoryless and CPU-less nodes, and an emulated PCIe device
# that is the ACPI Generic Initiator of both. The real QEMU 11.1 starts it
# under TCG with UEFI, and a tiny Linux guest (scripts/arm64-guest) prints
# the SRAT its firmware got: the guest really sees the device as the
# initiator of nodes 1 and 2, and memory and CPU in node 0 only.
scenario() {
    local dom=e2e-numa-gi xml console srat
    require_source_file tests/qemuxmlconfdata/numa-memoryless.xml || return
    arm64_guest || return 1
    xml=$(domain_xml numa-generic-initiator)
    console=$ROOT/console.log
    virsh define "$xml" || return 1
    vsession "start $dom" "@wait $console ^@done@" "destroy $dom" "domstate $dom"
    # The guest's console is kept next to the scenario's log.
    cp "$console" "$E2E_WORK/$dom.console.log" 2>/dev/null
    expect_no_errors || return 1
    expect_eq "guest output" "@done@" "${VOUT[1]}" || return 1

    # libvirt's command line: no memory backend for the memoryless nodes.
    expect_eq "-numa options" \
        "node,nodeid=0,cpus=0,memdev=ram-node0 node,nodeid=1 node,nodeid=2" \
        "$(grep -o -- '-numa [^ ]*' "$ROOT/log/qemu/$dom.log" | cut -d ' ' -f 2 | tr '\n' ' ' | sed 's/ $//')" ||
        return 1

    srat=$("$E2E_DIR/guest/acpi-srat" "$(guest_value "$console" srat)") || return 1
    echo "$srat" | sed 's/^/  srat: /'
    # In any order: QEMU writes the initiators in the reverse of theirs.
    expect_eq "SRAT affinity structures" \
        "cpu 0 0|initiator pci 0000:00:05.0 1|initiator pci 0000:00:05.0 2|memory 0 0x40000000 0x10000000" \
        "$(echo "$srat" | LC_ALL=C sort | tr '\n' '|' | sed 's/|$//')" || return 1
    expect_eq "guest nodes online" "0-2" "$(guest_value "$console" nodes-online)" || return 1
    expect_eq "guest nodes with memory" "0" "$(guest_value "$console" nodes-has-memory)" || return 1
    expect_eq "guest nodes with a CPU" "0" "$(guest_value "$console" nodes-has-cpu)" || return 1
    expect_eq "guest nodes with a Generic Initiator" "1-2" \
        "$(guest_value "$console" nodes-has-generic-initiator)" || return 1

    expect_eq "state after destroy" "shut off" "${VOUT[3]}" || return 1
    expect_cleaned_up "$dom" || return 1
    virsh undefine --nvram "$dom" || return 1
}
