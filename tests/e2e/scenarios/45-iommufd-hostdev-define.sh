# A VFIO hostdev with the iommufd backend behind a pluggable SMMUv3 whose
# features are 'auto': the QEMU driver, with the real QEMU 11.1's
# capabilities, accepts the definition and dumpxml gives the new attributes
# back as written. With accel='on' the same devices need a KVM domain, which
# an aarch64 guest cannot have on an x86_64 host, so the test driver reads
# and writes that definition instead.
scenario() {
    local dom=e2e-iommufd-hostdev xml out
    require_schema_attr accel || return
    xml=$(domain_xml iommufd-hostdev)
    virsh define "$xml" || return 1
    out=$(virsh dumpxml --inactive "$dom") || return 1
    expect_match "SMMUv3 (QEMU driver)" \
        "*<driver pciBus='1' accel='off' ats='auto' ril='auto' ssidsize='auto' oas='auto' cmdqv='auto'/>*" \
        "$out" || return 1
    expect_match "hostdev (QEMU driver)" "*<hostdev mode='subsystem' type='pci' managed='yes' ats='auto'>*<driver name='vfio' iommufd='yes'/>*" \
        "$out" || return 1
    virsh undefine --nvram "$dom" || return 1

    sed -e "s|<domain type='qemu'>|<domain type='test'>|" \
        -e "s|accel='off'|accel='on'|" "$xml" > "$ROOT/accel.xml"
    echo "+ virsh -c test:///default define; dumpxml" >&2
    out=$(timeout 60 "${VIRSH_CMD[@]}" -q -c test:///default \
              "define $ROOT/accel.xml; dumpxml $dom") || return 1
    expect_match "accelerated SMMUv3 (test driver)" \
        "*<driver pciBus='1' accel='on' ats='auto' ril='auto' ssidsize='auto' oas='auto' cmdqv='auto'/>*" \
        "$out" || return 1
    expect_match "hostdev (test driver)" "*<hostdev mode='subsystem' type='pci' managed='yes' ats='auto'>*<driver name='vfio' iommufd='yes'/>*" \
        "$out" || return 1
}
