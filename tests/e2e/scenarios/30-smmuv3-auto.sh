# A pluggable SMMUv3 with every feature 'auto' (no accel: QEMU resolves
# them to the emulated values): the real QEMU 11.1 accepts libvirt's exact
# spelling on the wire, reports "auto" for each over QOM, and the
# persistent XML keeps 'auto' as written.
scenario() {
    local dom=e2e-smmuv3-auto xml p i
    require_schema_text '<value>auto</value>' || return
    require_schema_text 'virOnOffAuto' || return
    xml=$(domain_xml smmuv3-auto)
    virsh define "$xml" || return 1
    local cmds=("start $dom")
    for p in ats ril ssidsize oas cmdqv; do
        cmds+=("$(qom_get_cmd "$dom" /machine/peripheral/iommu0 "$p")")
    done
    cmds+=("dumpxml --inactive $dom" "destroy $dom" "domstate $dom")
    vsession "${cmds[@]}"
    expect_no_errors || return 1
    i=1
    for p in ats ril ssidsize oas cmdqv; do
        expect_eq "iommu0 $p" '"auto"' "$(qmp_return "${VOUT[$i]}")" || return 1
        i=$((i + 1))
    done
    expect_match "persistent XML" \
        "*<driver pciBus='1' ats='auto' ril='auto' ssidsize='auto' oas='auto' cmdqv='auto'/>*" \
        "${VOUT[6]}" || return 1
    expect_eq "state after destroy" "shut off" "${VOUT[8]}" || return 1
    expect_cleaned_up "$dom" || return 1
    virsh undefine --nvram "$dom" || return 1
}
